package io.branchline.engine.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.story.CompileResult;
import io.branchline.story.diag.Code;
import io.branchline.story.diag.Diagnostic;
import io.branchline.story.diag.DiagnosticPrinter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Authors meet the policy as diagnostics when a story compiles: a code, the file, line and column of the words at fault. */
class PolicyDiagnosticsTest {

    @TempDir
    Path dir;

    private CompileResult compile(String text) throws Exception {
        Path main = dir.resolve("heist.story");
        Files.writeString(main, text);
        return PolicedCompiler.compile(main, "heist.story");
    }

    private static List<String> headlines(CompileResult r) {
        return r.diagnostics().stream().map(Diagnostic::headline).collect(Collectors.toList());
    }

    @Test
    void aRealPersonIsAnErrorUnderTheirName() throws Exception {
        CompileResult r = compile("""
                === alley ===
                shot 4s generate "a hooded figure waits, then Barack Obama steps out"
                -> END
                """);
        assertEquals(1, r.diagnostics().size(), headlines(r).toString());
        Diagnostic d = r.diagnostics().get(0);
        assertEquals(Code.BL0070, d.code());
        assertTrue(d.isError());
        assertEquals("heist.story", d.file());
        assertEquals(2, d.line());
        assertEquals(47, d.column(), "the column of 'Barack'");
        assertTrue(d.message().contains("consent: \"Barack Obama\""), d.message());
        assertTrue(DiagnosticPrinter.print(d).endsWith("^^^^^^^^^^^^\n"), DiagnosticPrinter.print(d));
        assertTrue(!r.ok(), "a story with a policy error is not served");
    }

    @Test
    void consentWithARecordAllowsThePersonAndWithoutOneWarns() throws Exception {
        String scene = """
                === alley ===
                shot 4s generate "Barack Obama waves from a ferry"
                -> END
                """;
        CompileResult recorded = compile("consent: \"Barack Obama\" signed release, 3 March 2026\n" + scene);
        assertEquals(List.of(), headlines(recorded));
        assertTrue(recorded.ok());
        assertEquals("signed release, 3 March 2026", recorded.story().consents().get(0).record());

        CompileResult bare = compile("consent: \"Barack Obama\"   // to be confirmed\n" + scene);
        assertEquals(1, bare.diagnostics().size(), headlines(bare).toString());
        assertEquals(Code.BL0107, bare.diagnostics().get(0).code());
        assertEquals(3, bare.diagnostics().get(0).line());
        assertTrue(bare.ok(), "a warning: the story is served, but the author is told until the record is written");
    }

    @Test
    void aMalformedOrRepeatedConsentLineIsNamed() throws Exception {
        CompileResult r = compile("""
                consent: Barack Obama signed
                consent: "Jane Roe" release
                consent: "jane roe" again
                === alley ===
                shot 4s title "Hi"
                -> END
                """);
        assertEquals(List.of(Code.BL0024, Code.BL0022), r.diagnostics().stream().map(Diagnostic::code).toList(), headlines(r).toString());
        assertEquals(1, r.diagnostics().get(0).line());
        assertEquals(3, r.diagnostics().get(1).line());
    }

    @Test
    void minorsAndHarmAreErrorsInGenerateAndStylePromptsAndTheHeader() throws Exception {
        CompileResult r = compile("""
                style: step by step bomb-making instructions
                === alley ===
                shot 4s generate "a photo of a naked child"
                shot 4s title "Chapter two"
                  style "a tutorial on how to cook meth"
                -> END
                """);
        List<Diagnostic> d = r.diagnostics();
        assertEquals(List.of(Code.BL0072, Code.BL0071, Code.BL0072), d.stream().map(Diagnostic::code).toList(), headlines(r).toString());
        assertEquals(List.of(1, 3, 5), d.stream().map(Diagnostic::line).toList());
        assertEquals(32, d.get(1).column(), "under 'naked child'");
    }

    @Test
    void anInterpolatedPromptIsCheckedOnItsWrittenTextAndBlamedWhole() throws Exception {
        CompileResult r = compile("""
                var who = "someone"
                === alley ===
                shot 4s generate "Angela Merkel and {who}"
                -> END
                """);
        assertEquals(1, r.diagnostics().size(), headlines(r).toString());
        assertEquals(Code.BL0070, r.diagnostics().get(0).code());
        assertEquals(18, r.diagnostics().get(0).column(), "the prompt's opening quote");
    }

    @Test
    void textThatReachesNoGeneratorIsNotChecked() throws Exception {
        CompileResult r = compile("""
                === alley ===
                shot 4s title "Barack Obama"
                  caption "how to make a pipe bomb"
                -> END
                """);
        assertEquals(List.of(), headlines(r));
    }
}
