package io.branchline.story;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.story.check.SourceReader;
import io.branchline.story.diag.Code;
import io.branchline.story.diag.Diagnostic;
import io.branchline.story.diag.DiagnosticPrinter;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Input no author means to write, and input at the edges of what the reader and the parser
 * accept: binary files, broken encodings, huge and deeply nested files, odd line endings and
 * columns of non-ASCII text. The compiler must answer each with diagnostics, never an exception.
 */
class BadInputTest {

    @TempDir
    Path dir;

    // ---- files that are not UTF-8 text --------------------------------------------------------

    @Test
    void randomBytesAreNotAText() throws IOException {
        byte[] bytes = new byte[4096];
        new Random(20240611).nextBytes(bytes);
        CompileResult result = compileFile("random.story", bytes);
        assertOnly(result, Code.BL0003);
    }

    @Test
    void randomBytesWithoutNulAreNotAText() throws IOException {
        byte[] bytes = new byte[4096];
        new Random(7).nextBytes(bytes);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                bytes[i] = (byte) 0xFF;
            }
        }
        assertOnly(compileFile("noise.story", bytes), Code.BL0003);
    }

    @Test
    void aPngRenamedToStoryIsNotAText() throws IOException {
        BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(3, 4, 0xFF336699);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        assertOnly(compileFile("picture.story", png.toByteArray()), Code.BL0003);
    }

    @Test
    void aNulByteInsideValidTextIsReportedWhereItIs() {
        String text = "title: Nul\n=== start ===\nshot 2s title \"a\u0000b\"\n-> END\n";
        CompileResult result = StoryAssertions.compileString("nul.story", text);
        assertOnly(result, Code.BL0003);
        assertAt(result.diagnostics().get(0), 3, 17);
    }

    @Test
    void aNulByteInAFileOnDiskIsReportedWhereItIs() throws IOException {
        byte[] bytes = "=== start ===\nshot 2s color \"#000000\"\n-> END\u0000\n".getBytes(StandardCharsets.UTF_8);
        CompileResult result = compileFile("nul.story", bytes);
        assertOnly(result, Code.BL0003);
        assertAt(result.diagnostics().get(0), 3, 7);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "a Latin-1 é,                      E9",
            "a lead byte without its follower, C3",
            "a lone continuation byte,         80",
            "an overlong slash,                C0AF",
            "an encoded surrogate,             EDA080",
            "a code point above U+10FFFF,      F4908080",
            "a sequence cut at the end,        E282"})
    void invalidUtf8IsNotATextAndIsReportedWhereItStarts(String what, String hex) throws IOException {
        byte[] before = "=== start ===\nshot 2s title \"caf".getBytes(StandardCharsets.UTF_8);
        byte[] bad = hexBytes(hex);
        byte[] after = "\"\n-> END\n".getBytes(StandardCharsets.UTF_8);
        boolean atEnd = what.contains("at the end");
        byte[] bytes = atEnd ? concat(before, bad) : concat(concat(before, bad), after);
        CompileResult result = compileFile("latin1.story", bytes);
        assertOnly(result, Code.BL0003);
        assertAt(result.diagnostics().get(0), 2, 19);
        assertTrue(result.diagnostics().get(0).message().contains("UTF-8"), result.diagnostics().get(0).message());
    }

    // ---- size -----------------------------------------------------------------------------------

    @Test
    void aFiftyMegabyteFileIsRefusedWithTheSizeLimit() throws IOException {
        Path file = dir.resolve("huge.story");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(50L * 1024 * 1024); // sparse: nothing is written
        }
        CompileResult result = compile(file);
        assertOnly(result, Code.BL0002);
        String message = result.diagnostics().get(0).message();
        assertTrue(message.contains("50") && message.contains("at most 8 MB"), message);
    }

    @Test
    void theSizeLimitIsEightMebibytes() throws IOException {
        String story = "=== start ===\nshot 2s color \"#000000\"\n-> END\n";
        byte[] atLimit = (story + " ".repeat((int) SourceReader.MAX_BYTES - story.length())).getBytes(StandardCharsets.UTF_8);
        assertEquals(SourceReader.MAX_BYTES, atLimit.length);
        CompileResult fits = compileFile("at-limit.story", atLimit);
        assertTrue(fits.diagnostics().isEmpty(), StoryAssertions.printAll(fits));

        byte[] over = concat(atLimit, new byte[] {' '});
        assertOnly(compileFile("over-limit.story", over), Code.BL0002);
    }

    // ---- nesting and long chains ---------------------------------------------------------------------

    @Test
    void tenThousandNestedIfsAreTooDeepNotAStackOverflow() {
        StringBuilder b = new StringBuilder("var b = true\n=== start ===\nshot 1s color \"#000000\"\n");
        b.append("if b\n".repeat(10_000)).append("-> END\n").append("end\n".repeat(10_000)).append("-> END\n");
        CompileResult result = StoryAssertions.compileString("ifs.story", b.toString());
        assertErrorsOnly(result, Code.BL0025);
        assertAt(result.diagnostics().stream().filter(d -> d.code() == Code.BL0025).findFirst().orElseThrow(), 104, 1);
    }

    @Test
    void tenThousandNestedParenthesesAreTooDeep() {
        String text = "var x = 0\n=== start ===\nshot 1s title \"{x}\"\n~ x = " + "(".repeat(10_000) + "1" + ")".repeat(10_000) + "\n-> END\n";
        CompileResult result = StoryAssertions.compileString("parens.story", text);
        assertErrorsOnly(result, Code.BL0025);
        assertAt(result.diagnostics().get(0), 4, 107);
    }

    @Test
    void tenThousandNotsAreTooDeep() {
        String text = "var b = true\n=== start ===\nshot 1s color \"#000000\"\nif " + "not ".repeat(10_000) + "b\n  -> END\nend\n-> END\n";
        CompileResult result = StoryAssertions.compileString("nots.story", text);
        assertErrorsOnly(result, Code.BL0025);
        assertAt(result.diagnostics().stream().filter(d -> d.code() == Code.BL0025).findFirst().orElseThrow(), 4, 404);
    }

    @Test
    void tenThousandMinusSignsAreTooDeep() {
        String text = "var x = 0\n=== start ===\nshot 1s title \"{x}\"\n~ x = " + "- ".repeat(10_000) + "1\n-> END\n";
        assertErrorsOnly(StoryAssertions.compileString("minus.story", text), Code.BL0025);
    }

    @Test
    void tenThousandNestedParenthesesInAnInterpolation() {
        String text = "var x = 0\n=== start ===\nshot 1s title \"{" + "(".repeat(10_000) + "x" + ")".repeat(10_000) + "}\"\n-> END\n";
        assertErrorsOnly(StoryAssertions.compileString("interpolation.story", text), Code.BL0025);
    }

    /**
     * A long flat chain is no nesting an author sees, but the checker walks it as a tree as deep
     * as the chain is long. It must compile (or be refused with BL0025), not overflow the stack.
     */
    @Test
    void aFlatChainOfTenThousandAdditionsDoesNotOverflowTheStack() {
        String text = "var x = 1\n=== start ===\n~ x = " + String.join(" + ", java.util.Collections.nCopies(10_000, "x"))
                + "\nshot 1s title \"{x}\"\n-> END\n";
        CompileResult result = StoryAssertions.compileString("sum.story", text);
        assertNoErrorBut(result, Code.BL0025);
    }

    @Test
    void aFlatChainOfTenThousandAndsDoesNotOverflowTheStack() {
        String text = "var b = true\n=== start ===\nshot 1s color \"#000000\"\nif " + String.join(" and ", java.util.Collections.nCopies(10_000, "b"))
                + "\n  -> END\nend\n-> END\n";
        CompileResult result = StoryAssertions.compileString("and.story", text);
        assertNoErrorBut(result, Code.BL0025);
    }

    /**
     * "Did you mean" compares the unknown name with every known one; with two long names that
     * comparison must stay cheap (it used to build a table of length x length ints).
     */
    @Test
    void anUnknownSceneWithAVeryLongNameIsAnsweredQuickly() {
        String known = "a".repeat(20_000);
        String typo = "a".repeat(19_999) + "b";
        String text = "=== " + known + " ===\nshot 1s color \"#000000\"\n-> " + typo + "\n";
        CompileResult result = StoryAssertions.bounded(Duration.ofSeconds(2), "a 20,000-character typo",
                () -> StoryCompiler.compileString("long.story", text));
        StoryAssertions.assertWellFormed(result);
        assertTrue(result.diagnostics().stream().anyMatch(d -> d.code() == Code.BL0030), StoryAssertions.codes(result));
    }

    // ---- empty and comment-only files ----------------------------------------------------------

    @Test
    void anEmptyFileHasNoScenes() throws IOException {
        CompileResult result = compileFile("empty.story", new byte[0]);
        assertOnly(result, Code.BL0004);
        assertAt(result.diagnostics().get(0), 1, 1);
        assertOnly(StoryAssertions.compileString("empty.story", ""), Code.BL0004);
    }

    @Test
    void aFileOfOnlyCommentsHasNoScenes() {
        String text = "// The story will go here.\n/* Scenes:\n   === start ===\n   -> END */\n\n   // nothing yet\n";
        CompileResult result = StoryAssertions.compileString("comments.story", text);
        assertOnly(result, Code.BL0004);
        assertAt(result.diagnostics().get(0), 1, 1);
    }

    /**
     * BL0004 is reported at 1:1; when line 1 is indented the printer drops the indentation and
     * puts the caret under the first non-blank character instead, so headline and caret disagree.
     */
    @Test
    void theCaretOfADiagnosticOnAnIndentedFirstLineSitsUnderItsColumn() {
        CompileResult result = StoryAssertions.compileString("indented.story", "    // nothing here yet\n");
        assertEquals(List.of(Code.BL0004), result.diagnostics().stream().map(Diagnostic::code).toList());
        StoryAssertions.assertPrinted(result.diagnostics().get(0));
    }

    @Test
    void aFileOfOnlyBlankLinesHasNoScenes() {
        assertOnly(StoryAssertions.compileString("blank.story", "\n\n  \t \n\r\n"), Code.BL0004);
    }

    // ---- line endings and the byte-order mark ---------------------------------------------------

    private static final String SEVERAL_ERRORS = String.join("\n",
            "titel: Line endings",
            "var name = \"Rook\"",
            "=== start ===",
            "shot 2s title \"Hi {name}\" // a comment",
            "  caption \"unfinished",
            "/* a comment",
            "   over lines */ ~ nme = \"x\"",
            "shot 0ms color \"#00000\"",
            "if visits(start) > 1",
            "  -> nowhere",
            "end",
            "-> END",
            "");

    @Test
    void crlfGivesTheSameLinesAndColumnsAsLf() {
        List<String> lf = positions(StoryAssertions.compileString("lf.story", SEVERAL_ERRORS));
        assertEquals(List.of("BL0021 1:1", "BL0011 5:11", "BL0032 7:20", "BL0060 8:6", "BL0063 8:16", "BL0030 10:6"), lf);
        List<String> crlf = positions(StoryAssertions.compileString("crlf.story", SEVERAL_ERRORS.replace("\n", "\r\n")));
        assertEquals(lf, crlf);
    }

    @Test
    void mixedLineEndingsGiveTheSameLinesAndColumns() {
        String[] lines = SEVERAL_ERRORS.split("\n", -1);
        StringBuilder mixed = new StringBuilder();
        for (int i = 0; i < lines.length - 1; i++) {
            mixed.append(lines[i]).append(i % 2 == 0 ? "\r\n" : "\n");
        }
        assertEquals(positions(StoryAssertions.compileString("lf.story", SEVERAL_ERRORS)),
                positions(StoryAssertions.compileString("mixed.story", mixed.toString())));
    }

    @Test
    void aLoneCarriageReturnEndsALineForTheParserAndForLineNumbers() {
        // Old Mac line endings: a CR alone ends a line, both for the statements and for the numbers.
        List<String> cr = positions(StoryAssertions.compileString("cr.story", SEVERAL_ERRORS.replace("\n", "\r")));
        assertEquals(positions(StoryAssertions.compileString("lf.story", SEVERAL_ERRORS)), cr);

        String oneLoneCr = "=== start ===\nshot 2s color \"#000000\"\r~ x = 1\n-> END\n";
        CompileResult result = StoryAssertions.compileString("one-cr.story", oneLoneCr);
        assertEquals(List.of("BL0032 3:3"), positions(result));
        result.diagnostics().forEach(StoryAssertions::assertPrinted);
    }

    @Test
    void aByteOrderMarkIsNotAColumn() throws IOException {
        List<String> plain = positions(StoryAssertions.compileString("plain.story", SEVERAL_ERRORS));
        assertEquals(plain, positions(StoryAssertions.compileString("bom.story", "\uFEFF" + SEVERAL_ERRORS)));
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        CompileResult fromDisk = compileFile("bom.story", concat(bom, SEVERAL_ERRORS.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)));
        assertEquals(plain, positions(fromDisk));
        fromDisk.diagnostics().forEach(StoryAssertions::assertPrinted);
    }

    @Test
    void aByteOrderMarkAloneIsAnEmptyStory() throws IOException {
        assertOnly(compileFile("bom-only.story", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}), Code.BL0004);
    }

    // ---- columns count user-perceived characters ------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "ASCII                                | abc                          | 3",
            "umlauts, precomposed                 | \u00e4\u00f6\u00fc               | 3",
            "umlauts, decomposed                  | a\u0308o\u0308u\u0308            | 3",
            "é precomposed                        | caf\u00e9                     | 4",
            "é decomposed                         | cafe\u0301                    | 4",
            "both kinds of é                      | \u00e9e\u0301\u00e9e\u0301            | 4",
            "family emoji joined with ZWJ         | \uD83D\uDC69\u200D\uD83D\uDC69\u200D\uD83D\uDC67 | 1",
            "thumbs up with a skin tone           | \uD83D\uDC4D\uD83C\uDFFD               | 1",
            "firefighter: ZWJ and a skin tone     | \uD83E\uDDD1\uD83C\uDFFD\u200D\uD83D\uDE92 | 1",
            "a flag of two regional indicators    | \uD83C\uDDE9\uD83C\uDDEA               | 1",
            "a heart with a variation selector    | \u2764\uFE0F                   | 1",
            "Hangul syllable as jamo              | \u1112\u1161\u11AB                | 1",
            "CJK                                  | \u6F22\u5B57                      | 2",
            "everything                           | \u00e4e\u0301\uD83D\uDC69\u200D\uD83D\uDC69\u200D\uD83D\uDC67\uD83D\uDC4D\uD83C\uDFFD!  | 5"})
    void columnsCountUserPerceivedCharacters(String what, String inside, int characters) {
        String line = "~ x = \"" + inside + "\" + undefinedvar";
        String text = "var x = \"\"\n=== start ===\n" + line + "\nshot 1s title \"{x}\"\n-> END\n";
        CompileResult result = StoryAssertions.compileString("columns.story", text);
        assertEquals(List.of("BL0032 3:" + (12 + characters)), positions(result), what);
        Diagnostic d = result.diagnostics().get(0);
        StoryAssertions.assertPrinted(d);
        String caretLine = DiagnosticPrinter.print(d).split("\n")[2];
        assertEquals("    " + " ".repeat(11 + characters) + "^".repeat("undefinedvar".length()), caretLine);
    }

    @Test
    void aTabCountsAsOneColumnAndPrintsAsOneSpace() {
        String text = "=== start ===\nshot 1s color \"#000000\"\n\t~ \tx = 1\n-> END\n";
        CompileResult result = StoryAssertions.compileString("tab.story", text);
        assertEquals(List.of("BL0032 3:5"), positions(result));
        StoryAssertions.assertPrinted(result.diagnostics().get(0));
    }

    @Test
    void anErrorAfterEmojiInsideAStringPointsAtTheEscape() {
        String text = "=== start ===\nshot 1s title \"\uD83D\uDC4D\uD83C\uDFFD\uD83C\uDDE9\uD83C\uDDEA \\q\"\n-> END\n";
        CompileResult result = StoryAssertions.compileString("escape.story", text);
        assertEquals(List.of("BL0012 2:19"), positions(result));
        StoryAssertions.assertPrinted(result.diagnostics().get(0));
    }

    @Test
    void nonAsciiLettersInANameAreOneUnexpectedCharacterRun() {
        String text = "=== start ===\nshot 1s color \"#000000\"\n-> caf\u00e9\n=== caf ===\nshot 1s color \"#000000\"\n-> END\n";
        CompileResult result = StoryAssertions.compileString("accent.story", text);
        assertEquals(List.of("BL0010 3:7"), positions(result));
        assertTrue(result.diagnostics().get(0).message().contains("\u00e9"), result.diagnostics().get(0).message());
    }

    // ---- a large, valid story ---------------------------------------------------------------------

    @Test
    void aGeneratedStoryOfTenThousandScenesCompilesWithoutDiagnostics() {
        String story = tenThousandScenes();
        CompileResult result = StoryAssertions.bounded(Duration.ofSeconds(30), "10,000 scenes",
                () -> StoryCompiler.compileString("big.story", story));
        assertTrue(result.diagnostics().isEmpty(), () -> StoryAssertions.printAll(result).lines().limit(20).collect(Collectors.joining("\n")));
        assertTrue(result.ok());
        assertEquals(10_000, result.story().scenes().size());
    }

    /** Scenes in a chain with choices, conditions, interpolation, routing-only scenes and asks. */
    static String tenThousandScenes() {
        int n = 10_000;
        StringBuilder b = new StringBuilder(1_500_000);
        b.append("title: Ten thousand rooms\nstart: room0\n");
        b.append("var steps = 0\nvar name = \"Rook\"\nvar lucky = false\n\n");
        for (int i = 0; i < n; i++) {
            String next = i + 1 < n ? "room" + (i + 1) : "END";
            b.append("=== room").append(i).append(" ===\n");
            switch (i % 4) {
                case 0 -> b.append("shot 3s generate \"room ").append(i).append(", {name} walks on\"\n")
                        .append("  caption \"Step {steps}\"\n")
                        .append("~ steps += 1\n")
                        .append("choice 2s default ").append(next).append('\n')
                        .append("  * \"On\" -> ").append(next).append(" weight 3\n")
                        .append("  * \"Stop\" if steps > 3 -> END\n");
                case 1 -> b.append("if lucky or visits(room").append(i).append(") > 1\n")
                        .append("  shot 2s color \"#102030\"\n")
                        .append("else\n")
                        .append("  shot 2s title \"Room ").append(i).append("\"\n")
                        .append("    transition fade 500ms\n")
                        .append("end\n")
                        .append("-> ").append(next).append('\n');
                case 2 -> b.append("if steps % 7 == 0\n  ~ lucky = not lucky\nend\n-> ").append(next).append('\n');
                default -> b.append("shot 1s title \"{name}?\"\n")
                        .append("ask name \"Your name?\" 1s default \"Rook\" -> ").append(next).append('\n');
            }
            b.append('\n');
        }
        return b.toString();
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private CompileResult compileFile(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return compile(file);
    }

    private static CompileResult compile(Path file) {
        CompileResult result = StoryAssertions.bounded(StoryAssertions.LIMIT, file.getFileName().toString(),
                () -> StoryCompiler.compile(file, file.getFileName().toString(), SourceReader.DISK));
        StoryAssertions.assertWellFormed(result);
        return result;
    }

    /** Exactly one diagnostic, of this code; the story is refused; it prints. */
    private static void assertOnly(CompileResult result, Code code) {
        StoryAssertions.assertWellFormed(result);
        assertEquals(List.of(code), result.diagnostics().stream().map(Diagnostic::code).toList(), StoryAssertions.printAll(result));
        assertFalse(result.ok());
        StoryAssertions.assertPrinted(result.diagnostics().get(0));
    }

    /** Every error has this code, and there is at least one. */
    private static void assertErrorsOnly(CompileResult result, Code code) {
        StoryAssertions.assertWellFormed(result);
        Set<Code> errors = EnumSet.noneOf(Code.class);
        result.diagnostics().stream().filter(Diagnostic::isError).forEach(d -> errors.add(d.code()));
        assertEquals(Set.of(code), errors, () -> StoryAssertions.codes(result));
    }

    /** No error, or only errors of this code. */
    private static void assertNoErrorBut(CompileResult result, Code code) {
        StoryAssertions.assertWellFormed(result);
        assertTrue(result.diagnostics().stream().filter(Diagnostic::isError).allMatch(d -> d.code() == code),
                () -> StoryAssertions.codes(result));
    }

    private static void assertAt(Diagnostic d, int line, int column) {
        assertEquals(line + ":" + column, d.line() + ":" + d.column(), d.headline());
    }

    private static List<String> positions(CompileResult result) {
        StoryAssertions.assertWellFormed(result);
        return result.diagnostics().stream().map(d -> d.code() + " " + d.line() + ":" + d.column()).toList();
    }

    private static byte[] hexBytes(String hex) {
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
