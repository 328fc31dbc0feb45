package io.branchline.story.eval;

/** Raised inside the evaluator when the story cannot go on; it becomes a {@link Terminal.Stopped}. */
final class StoryStop extends RuntimeException {
    StoryStop(String message) {
        super(message, null, false, false);
    }
}
