package io.branchline.story;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.branchline.story.check.SourceReader;
import io.branchline.story.diag.Code;
import io.branchline.story.diag.Diagnostic;
import io.branchline.story.diag.DiagnosticPrinter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps {@code docs/diagnostics.md} complete and true: every {@link Code} has a section
 * headed {@code ## BLxxxx — title} with its severity, and every example story in it
 * reports that code and prints exactly the output shown below it.
 *
 * <p>Printouts in the catalogue are what {@code branchline check --quiet main.story}
 * prints when run inside the example's folder, {@value #DOC_FOLDER}. When messages change
 * on purpose, run this test with {@code -Dbranchline.catalogue.update=true} to rewrite
 * the printouts in the document, and review the difference.
 */
class DiagnosticsCatalogueTest {

    /**
     * Codes whose example needs a file that cannot be written as text in the document: an
     * unreadable file, one over 8 MB, one holding a NUL byte or bytes that are not UTF-8, a
     * picture with the wrong extension. Their sections describe the example in words and
     * show the real printout; every other code must have a runnable example.
     */
    static final Set<Code> DESCRIBED_ONLY = EnumSet.of(Code.BL0001, Code.BL0002, Code.BL0003, Code.BL0106, Code.BL0108);

    /**
     * Codes the engine's prompt policy reports: the compiler alone never does, so their
     * examples are run by the engine's {@code PolicyCatalogueTest}, which holds the policy.
     */
    static final Set<Code> BY_THE_POLICY = EnumSet.of(Code.BL0070, Code.BL0071, Code.BL0072, Code.BL0107);

    /** The folder the printouts in the document were made in; paths in messages name it. */
    static final String DOC_FOLDER = "/tmp/heist";

    private static final Pattern HEADING = Pattern.compile("^## (BL\\d{4}) — (.+)$");
    private static final Pattern SEVERITY = Pattern.compile("^\\*\\*Severity:\\*\\* (\\w+)\\s*$");
    private static final Pattern INDEX_ROW = Pattern.compile("^\\| \\[(BL\\d{4})]\\(#[^)]+\\) \\| (\\w+) \\| (.+?) \\|$");

    private static Path doc;
    private static List<String> lines;
    private static Map<Code, Section> sections;

    @TempDir
    Path temp;

    /** One {@code ## BLxxxx — title} section of the catalogue. */
    record Section(Code code, String title, int line, List<String> lines, List<DocExamples.Block> blocks) {

        String severity() {
            return lines.stream().map(SEVERITY::matcher).filter(Matcher::matches).map(m -> m.group(1)).findFirst().orElse(null);
        }

        /** Each {@code story} block with the {@code text} block right below it (or null when there is none). */
        List<DocExamples.Block[]> examples() {
            List<DocExamples.Block[]> examples = new ArrayList<>();
            for (int i = 0; i < blocks.size(); i++) {
                if (blocks.get(i).info().equals("story")) {
                    DocExamples.Block next = i + 1 < blocks.size() ? blocks.get(i + 1) : null;
                    boolean below = next != null && next.info().equals("text") && onlyBlankBetween(blocks.get(i), next);
                    examples.add(new DocExamples.Block[] {blocks.get(i), below ? next : null});
                }
            }
            return examples;
        }

        private boolean onlyBlankBetween(DocExamples.Block story, DocExamples.Block text) {
            int from = story.line() - line + story.lines().size() + 2;
            int to = text.line() - line;
            return lines.subList(Math.min(from, to), to).stream().allMatch(String::isBlank);
        }
    }

    @BeforeAll
    static void readCatalogue() throws IOException {
        doc = DocExamples.find("diagnostics.md");
        load();
        if (Boolean.getBoolean("branchline.catalogue.update")) {
            refreshPrintouts(Files.createTempDirectory("catalogue"));
            load();
        }
    }

    private static void load() {
        lines = DocExamples.read(doc);
        sections = new LinkedHashMap<>();
        int start = -1;
        for (int i = 0; i <= lines.size(); i++) {
            boolean heading = i < lines.size() && lines.get(i).startsWith("## ");
            if ((heading || i == lines.size()) && start >= 0) {
                addSection(start, i);
                start = -1;
            }
            if (heading && lines.get(i).startsWith("## BL")) {
                start = i;
            }
        }
    }

    private static void addSection(int from, int to) {
        Matcher m = HEADING.matcher(lines.get(from));
        if (!m.matches()) {
            fail(doc + ":" + (from + 1) + ": expected a heading '## BLxxxx — title' but found '" + lines.get(from) + "'");
        }
        Code code;
        try {
            code = Code.valueOf(m.group(1));
        } catch (IllegalArgumentException e) {
            throw new AssertionError(doc + ":" + (from + 1) + ": the catalogue documents " + m.group(1) + ", which is not a code");
        }
        List<String> body = lines.subList(from, to);
        Section earlier = sections.put(code, new Section(code, m.group(2), from + 1, body, DocExamples.blocks(body, from + 1)));
        if (earlier != null) {
            fail(doc + ":" + (from + 1) + ": " + code + " has a second section (the first is on line " + earlier.line() + ")");
        }
    }

    /** One test per code: it has a section with the right title and severity, and its examples report it and print as shown. */
    @TestFactory
    Stream<DynamicTest> everyCodeIsDocumentedWithAWorkingExample() {
        return Arrays.stream(Code.values()).map(code -> DynamicTest.dynamicTest(code + " — " + code.title(), () -> check(code)));
    }

    private void check(Code code) throws IOException {
        Section section = sections.get(code);
        assertNotNull(section, "docs/diagnostics.md has no section '## " + code + " — " + code.title() + "'");
        String where = doc + ":" + section.line();
        assertEquals(code.title(), section.title(), where + ": the heading's title must be the code's title");
        assertEquals(code.severity().word(), section.severity(), where + ": expected a line '**Severity:** "
                + code.severity().word() + "'");
        assertTrue(section.blocks().stream().anyMatch(b -> b.info().equals("text")), where + ": the section shows no printout");
        List<DocExamples.Block[]> examples = section.examples();
        if (DESCRIBED_ONLY.contains(code)) {
            assertTrue(examples.isEmpty(), where + ": " + code + " is described only, so its section has no 'story' block");
            return;
        }
        assertFalse(examples.isEmpty(), where + ": " + code + " needs an example in a 'story' block "
                + "(or, if it cannot be written as text, a place in DESCRIBED_ONLY)");
        if (BY_THE_POLICY.contains(code)) {
            return;
        }
        int n = 0;
        for (DocExamples.Block[] example : examples) {
            n++;
            DocExamples.Block story = example[0];
            DocExamples.Block printout = example[1];
            String at = doc + ":" + story.line();
            Path folder = temp.resolve(code + "-" + n).resolve("heist");
            Map<String, String> files = DocExamples.files(story);
            Path main = DocExamples.write(files, folder);

            CompileResult result = StoryCompiler.compile(main);
            Set<Code> reported = result.diagnostics().stream().map(Diagnostic::code).collect(Collectors.toCollection(() -> EnumSet.noneOf(Code.class)));
            assertTrue(reported.contains(code), at + ": the example of " + code + " reports " + reported + " instead");

            assertNotNull(printout, at + ": the example needs its printout in a 'text' block right below it");
            String mainName = files.keySet().iterator().next();
            String actual = printout(StoryCompiler.compile(main, mainName, SourceReader.DISK), folder);
            assertEquals(strip(actual), strip(printout.text()), at + ": the printout below the example is not what the checker prints"
                    + " ('expected' is what it prints, 'but was' what the document shows);"
                    + " run mvn -pl story-dsl test -Dtest=DiagnosticsCatalogueTest -Dbranchline.catalogue.update=true to refresh the document");
        }
    }

    /** The described-only codes are exactly those without a runnable example. */
    @Test
    void describedOnlyCodesAreExactlyTheListedOnes() {
        Set<Code> withoutExample = sections.values().stream().filter(s -> s.examples().isEmpty()).map(Section::code)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Code.class)));
        assertEquals(DESCRIBED_ONLY, withoutExample, "sections without a 'story' example");
    }

    /** The table of all codes at the top lists each code once, with its severity and title, in order. */
    @Test
    void indexListsEveryCode() {
        List<String> rows = new ArrayList<>();
        for (String line : lines) {
            Matcher m = INDEX_ROW.matcher(line);
            if (m.matches()) {
                rows.add(m.group(1) + " | " + m.group(2) + " | " + m.group(3));
            }
        }
        List<String> expected = Arrays.stream(Code.values()).map(c -> c + " | " + c.severity().word() + " | " + c.title()).toList();
        assertEquals(expected, rows);
    }

    /** The sections come in the order of the codes, so readers find them. */
    @Test
    void sectionsAreInCodeOrder() {
        List<Code> order = new ArrayList<>(sections.keySet());
        List<Code> sorted = new ArrayList<>(order);
        sorted.sort(null);
        assertEquals(sorted, order);
    }

    /**
     * Run before the checks when {@code -Dbranchline.catalogue.update=true} is set: rewrites the
     * printout below every example in the document with what the checker prints now.
     */
    private static void refreshPrintouts(Path temp) throws IOException {
        List<String> out = new ArrayList<>(lines);
        List<Section> all = new ArrayList<>(sections.values());
        // From the end, so the line numbers of earlier blocks stay right.
        for (int s = all.size() - 1; s >= 0; s--) {
            if (BY_THE_POLICY.contains(all.get(s).code())) {
                continue;
            }
            List<DocExamples.Block[]> examples = all.get(s).examples();
            for (int e = examples.size() - 1; e >= 0; e--) {
                DocExamples.Block story = examples.get(e)[0];
                DocExamples.Block printout = examples.get(e)[1];
                Path folder = temp.resolve("update-" + s + "-" + e).resolve("heist");
                Map<String, String> files = DocExamples.files(story);
                Path main = DocExamples.write(files, folder);
                String actual = printout(StoryCompiler.compile(main, files.keySet().iterator().next(), SourceReader.DISK), folder);
                List<String> replacement = new ArrayList<>();
                replacement.add("```text");
                replacement.addAll(List.of(actual.stripTrailing().split("\n", -1)));
                replacement.add("```");
                int storyEnd = story.line() - 1 + story.lines().size() + 1;
                if (printout == null) {
                    replacement.add(0, "");
                    out.addAll(storyEnd + 1, replacement);
                } else {
                    int from = printout.line() - 1;
                    int to = from + printout.lines().size() + 2;
                    out.subList(from, to).clear();
                    out.addAll(from, replacement);
                }
            }
        }
        Files.writeString(doc, String.join("\n", out), StandardCharsets.UTF_8);
    }

    /**
     * What {@code branchline check --quiet} prints for a result: each diagnostic with its
     * source line and carets. The example's folder is named as in the document.
     */
    static String printout(CompileResult result, Path folder) {
        StringBuilder b = new StringBuilder();
        for (Diagnostic d : result.diagnostics()) {
            b.append(DiagnosticPrinter.print(d));
        }
        return b.toString().replace(folder.toAbsolutePath().normalize().toString(), DOC_FOLDER);
    }

    /** Trailing spaces are invisible in a document and editors remove them, so they do not count. */
    private static String strip(String s) {
        return Arrays.stream(s.split("\n", -1)).map(String::stripTrailing).collect(Collectors.joining("\n")).strip();
    }
}
