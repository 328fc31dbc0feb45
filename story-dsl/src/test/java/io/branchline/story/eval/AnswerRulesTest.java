package io.branchline.story.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.story.StoryCompiler;
import io.branchline.story.model.Value;
import org.junit.jupiter.api.Test;

/** What reaches a story from a viewer's typed answer: nothing invisible, nothing that turns text around. */
class AnswerRulesTest {

    @Test
    void invisibleAndDirectionCharactersAreDropped() {
        // U+202E turns the rest of a line around: "Mara\u202Enoops" would show as "Marasp oon".
        assertEquals("Maranoops", AnswerRules.clean("Mara\u202Enoops"));
        for (int c : new int[] {0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200B, 0x200C, 0x200D, 0x200E,
                0x200F, 0x2060, 0xFEFF, 0x00AD, 0x061C}) {
            assertEquals("ab", AnswerRules.clean("a" + Character.toString(c) + "b"), "U+" + Integer.toHexString(c).toUpperCase());
        }
        assertEquals("ab", AnswerRules.clean("a\uD800b"), "an unpaired surrogate");
        assertEquals("Zoë 🐟 李", AnswerRules.clean("Zoë 🐟 李"), "visible text, emoji and other scripts stay");
        assertEquals("", AnswerRules.clean(null));
    }

    @Test
    void ordinaryWhitespaceStaysAndControlCharactersAreStillRefused() {
        assertEquals(" a\tb\n", AnswerRules.clean(" a\tb\n"));
        assertTrue(AnswerRules.problem(AnswerRules.clean("a\u0007b").strip()).contains("control"));
        assertTrue(AnswerRules.problem(AnswerRules.clean("a\u0085b").strip()).contains("control"), "a C1 control");
    }

    @Test
    void anAnswerOfOnlyInvisibleCharactersIsEmpty() {
        assertTrue(AnswerRules.problem(AnswerRules.clean("\u200B\u202E\u2066").strip()).contains("empty"));
    }

    @Test
    void theEvaluatorStoresTheCleanedAnswer() {
        var result = StoryCompiler.compileString("t.story", """
                var name = "Rook"
                === start ===
                shot 1s title "hi"
                ask name "Your name?" 6s -> next
                === next ===
                shot 1s title "{name}"
                -> END
                """);
        assertTrue(result.ok(), () -> result.diagnostics().toString());
        Evaluator ev = new Evaluator(result.story());
        Evaluator.Taken taken = ev.answer(ev.start(), " \u2067Ma\u200Bra\u2069 ");
        assertNull(taken.problem());
        assertEquals(new Value.Str("Mara"), taken.state().variables().get("name"));
    }
}
