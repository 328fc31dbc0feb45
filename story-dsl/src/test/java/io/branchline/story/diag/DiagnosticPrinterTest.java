package io.branchline.story.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.branchline.story.CompileResult;
import io.branchline.story.StoryCompiler;
import org.junit.jupiter.api.Test;

class DiagnosticPrinterTest {

    @Test
    void printsTheSpecsFormatWithCaretUnderTheRange() {
        String story = """
                === lobby ===
                shot 5s title "Inside."
                choice 3s
                  * "Use the key" -> vualt
                  * "Leave" -> END

                === vault ===
                shot 1s color "#000000"
                -> END
                """;
        CompileResult result = StoryCompiler.compileString("heist.story", story);
        Diagnostic unknown = result.diagnostics().stream().filter(d -> d.code() == Code.BL0030).findFirst().orElseThrow();
        assertEquals("""
                heist.story:4:22: error: unknown scene 'vualt' (did you mean 'vault'?) [BL0030]
                    * "Use the key" -> vualt
                                       ^^^^^
                """, DiagnosticPrinter.print(unknown));
    }

    @Test
    void columnsCountWhatAPersonSees() {
        String story = "=== a ===\nshot 1s title \"Grüße, 👩‍👩‍👧!\" + x\n-> END\n";
        Diagnostic d = StoryCompiler.compileString("de.story", story).diagnostics().get(0);
        assertEquals(2, d.line());
        assertEquals(27, d.column());
        String printed = DiagnosticPrinter.print(d);
        String[] lines = printed.split("\n");
        assertEquals("    shot 1s title \"Grüße, 👩‍👩‍👧!\" + x", lines[1]);
        // 26 columns before the '+': the family emoji with its joiners is one column.
        assertEquals("    " + " ".repeat(26) + "^", lines[2]);
    }
}
