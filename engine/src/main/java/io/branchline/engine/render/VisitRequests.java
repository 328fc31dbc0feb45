package io.branchline.engine.render;

import io.branchline.renderer.RenderFormat;
import io.branchline.renderer.SceneRequest;
import io.branchline.story.eval.Evaluator;
import io.branchline.story.eval.ResolvedShot;
import io.branchline.story.eval.SceneVisit;
import io.branchline.story.model.CompiledStory;
import java.nio.file.Path;
import java.util.List;

/**
 * The render requests the engine makes for a story's visits, in one place: sessions, the
 * studio, posters and first scenes must ask for exactly the same request for a visit, or their
 * content keys would name different renders.
 */
public final class VisitRequests {

    private VisitRequests() {
    }

    /** The story's frame size, rate and segment length. */
    public static RenderFormat format(CompiledStory story) {
        return new RenderFormat(story.format().width(), story.format().height(), story.format().fps(), story.segmentMs());
    }

    /** The request a session makes for a visit: the story's format and label, captions left to the player's track. */
    public static SceneRequest served(Path storyRoot, CompiledStory story, List<ResolvedShot> shots) {
        return new SceneRequest(storyRoot, format(story), story.label(), shots, false);
    }

    /** The story's first visit, with its initial variables. */
    public static SceneVisit first(CompiledStory story) {
        Evaluator evaluator = new Evaluator(story);
        return evaluator.enter(story.start(), evaluator.initialState());
    }
}
