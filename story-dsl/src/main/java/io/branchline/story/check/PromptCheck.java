package io.branchline.story.check;

import io.branchline.story.diag.Code;
import io.branchline.story.model.CompiledStory;
import java.util.List;

/**
 * A check of the text a story sends to a model (its {@code generate} prompts, {@code style}
 * modifiers and {@code style:} header). The compiler only finds the prompts and places what is
 * found; what is allowed is the engine's prompt policy, whose rules are data the compiler does
 * not carry.
 */
@FunctionalInterface
public interface PromptCheck {

    /** Finds nothing: what {@link io.branchline.story.StoryCompiler} uses when given no check. */
    PromptCheck NONE = (text, consents) -> List.of();

    /**
     * What is wrong with one prompt.
     *
     * @param text     the prompt's literal text; where it interpolates a value, a space stands in its place
     * @param consents the story's {@code consent:} lines
     */
    List<Finding> check(String text, List<CompiledStory.Consent> consents);

    /**
     * One problem in a prompt.
     *
     * @param code    the diagnostic's code (its severity comes with it)
     * @param start   offset in the checked text of the part at fault, or -1 for the whole prompt
     * @param end     offset just past that part
     * @param message what is wrong and what to do, in one sentence
     */
    record Finding(Code code, int start, int end, String message) {
    }
}
