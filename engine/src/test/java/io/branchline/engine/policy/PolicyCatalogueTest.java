package io.branchline.engine.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.story.CompileResult;
import io.branchline.story.diag.Code;
import io.branchline.story.diag.DiagnosticPrinter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The policy's entries of docs/diagnostics.md are true: each example, checked as
 * {@code branchline check --quiet main.story} checks it, reports its code and prints what the
 * document shows (the compiler's own catalogue test leaves these to the engine, which holds the policy).
 */
class PolicyCatalogueTest {

    @TempDir
    Path temp;

    @Test
    void everyPolicyExampleReportsItsCodeAndPrintsWhatTheCatalogueShows() throws Exception {
        Path doc = BundledStoriesPolicyTest.stories().resolveSibling("docs").resolve("diagnostics.md");
        List<String> lines = Files.readAllLines(doc);
        for (Code code : List.of(Code.BL0070, Code.BL0071, Code.BL0072, Code.BL0107)) {
            int at = indexOf(lines, "## " + code + " — " + code.title(), 0);
            assertTrue(at >= 0, "docs/diagnostics.md has no section '## " + code + " — " + code.title() + "'");
            int storyStart = indexOf(lines, "```story", at) + 1;
            int storyEnd = indexOf(lines, "```", storyStart);
            int textStart = indexOf(lines, "```text", storyEnd + 1) + 1;
            int textEnd = indexOf(lines, "```", textStart);
            Path folder = Files.createDirectories(temp.resolve(code.name()).resolve("heist"));
            Path main = folder.resolve("main.story");
            Files.writeString(main, String.join("\n", lines.subList(storyStart, storyEnd)) + "\n");
            CompileResult result = PolicedCompiler.compile(main, "main.story");
            assertTrue(result.diagnostics().stream().anyMatch(d -> d.code() == code), code + " reports " + result.diagnostics());
            String printed = result.diagnostics().stream().map(DiagnosticPrinter::print).collect(Collectors.joining())
                    .replace(folder.toString(), "/tmp/heist");
            assertEquals(strip(String.join("\n", lines.subList(textStart, textEnd))), strip(printed), doc + ": the printout of " + code);
        }
    }

    private static int indexOf(List<String> lines, String line, int from) {
        for (int i = from; i < lines.size(); i++) {
            if (lines.get(i).equals(line)) {
                return i;
            }
        }
        return -1;
    }

    private static String strip(String s) {
        return Arrays.stream(s.split("\n", -1)).map(String::stripTrailing).collect(Collectors.joining("\n")).strip();
    }
}
