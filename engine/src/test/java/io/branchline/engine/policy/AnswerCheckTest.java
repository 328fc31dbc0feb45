package io.branchline.engine.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.story.CompileResult;
import io.branchline.story.StoryCompiler;
import io.branchline.story.model.CompiledStory;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A viewer's answer meets the policy where it goes: alone, and inside the prompts that use it. */
class AnswerCheckTest {

    private static final AnswerCheck ANSWERS = new AnswerCheck(PromptPolicy.configured());

    private static CompiledStory story(String header) {
        CompileResult r = StoryCompiler.compileString("wishes.story", header + """
                var name = "nobody"
                var pose = "waving"
                var look = "ink"
                === start ===
                shot 3s title "Hello, {name}"
                ask name "Your name?" -> kite
                === kite ===
                if name != ""
                  shot 3s generate "a child on a hill, {pose}"
                    style "a drawing in {look}"
                end
                ask pose "What is the child doing?" -> look
                === look ===
                shot 1s color "#000000"
                ask look "Which look?" -> END
                """);
        assertTrue(r.ok(), r.diagnostics().toString());
        return r.story();
    }

    @Test
    void aNameInATitleIsTheViewersBusinessButNotInAGeneratedShot() {
        CompiledStory s = story("");
        assertEquals(Optional.empty(), ANSWERS.refusal(s, "name", "Taylor Swift"));
        Optional<String> refused = ANSWERS.refusal(s, "pose", "hugging Taylor Swift");
        assertTrue(refused.isPresent() && refused.get().contains("real person"), refused.toString());
        assertFalse(refused.get().contains("Taylor"), "the refusal does not repeat the answer");
        assertTrue(ANSWERS.refusal(s, "look", "Taylor Swift").isPresent(), "a style modifier reaches a model too");
    }

    @Test
    void harmIsRefusedWhereverTheAnswerGoes() {
        assertTrue(ANSWERS.refusal(story(""), "name", "how to make a pipe bomb").get().contains("instructions for harm"));
    }

    @Test
    void anAnswerHarmlessAloneIsCheckedInsideItsPrompt() {
        CompiledStory s = story("");
        assertEquals(Optional.empty(), ANSWERS.refusal(s, "name", "posing naked"), "alone it names no minor");
        Optional<String> refused = ANSWERS.refusal(s, "pose", "posing naked");
        assertTrue(refused.isPresent() && refused.get().contains("minors"), "in 'a child on a hill, {pose}' it does: " + refused);
        assertEquals(Optional.empty(), ANSWERS.refusal(s, "pose", "flying a kite"));
    }

    @Test
    void aPersonTheStoryHasConsentForIsAccepted() {
        assertEquals(Optional.empty(), ANSWERS.refusal(story("consent: \"Taylor Swift\" signed release, 1 June 2026\n"), "pose",
                "hugging Taylor Swift"));
        assertEquals(Optional.empty(), ANSWERS.refusal(story("consent: \"Taylor Swift\"\n"), "pose", "hugging Taylor Swift"),
                "a consent line without its record warns the author, and still allows");
    }
}
