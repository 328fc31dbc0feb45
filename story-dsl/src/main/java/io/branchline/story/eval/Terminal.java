package io.branchline.story.eval;

import io.branchline.story.model.Step;
import java.util.List;

/** How a scene visit ends. */
public sealed interface Terminal {

    /** Go on to a scene once the video has played. */
    record GoTo(String scene) implements Terminal {
    }

    /** The story ends here. */
    record End() implements Terminal {
    }

    /**
     * A branch point, with the options this viewer is shown.
     *
     * @param windowMs     how long the options are shown before the video ends (already shortened to the video)
     * @param defaultIndex index into {@code options} taken when the window runs out
     * @param cut          whether a pick takes effect at the next segment boundary
     * @param line         the source line of the {@code choice}, which tells a scene's choices apart
     */
    record Choice(long windowMs, int defaultIndex, boolean cut, List<ShownOption> options, int line) implements Terminal {
        public ShownOption defaultOption() {
            return options.get(defaultIndex);
        }
    }

    /**
     * A question: the answer goes into {@code variable}, then the story goes on to {@code target}.
     *
     * @param defaultAnswer used when the window runs out, or null to keep the variable's value
     */
    record Ask(String variable, String question, long windowMs, String defaultAnswer, String target) implements Terminal {
    }

    /** The story cannot go on, with the reason to show the viewer. */
    record Stopped(String message) implements Terminal {
    }

    /**
     * An option as this viewer sees it.
     *
     * @param index    its place among the options shown (what a viewer picks by)
     * @param position its place among all the options written, shown or not
     * @param assignments what taking it changes, run before its target scene
     */
    record ShownOption(int index, int position, String label, String target, double weight, List<Step.Assign> assignments) {
    }
}
