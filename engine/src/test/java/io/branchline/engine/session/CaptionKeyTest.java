package io.branchline.engine.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.branchline.engine.render.VisitRequests;
import io.branchline.renderer.ContentKey;
import io.branchline.renderer.RenderTools;
import io.branchline.renderer.SceneRequest;
import io.branchline.story.StoryCompiler;
import io.branchline.story.eval.Evaluator;
import io.branchline.story.eval.SceneVisit;
import io.branchline.story.model.CompiledStory;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A caption the player shows is not in the video: a viewer's answer in a caption does not make the video render again. */
class CaptionKeyTest {

    private static final String STORY = """
            format: 240x426 30fps
            segment: 1s
            var name = "Ann"
            === hall ===
            shot 2s color "#203040"
            ask name "Your name?" 2s default "Bo" -> greet
            === greet ===
            shot 2s color "#102030"
              caption "Hello {name}"
            -> END
            """;

    @Test
    void answersShownOnlyInCaptionsShareOneVideo() {
        CompiledStory story = StoryCompiler.compileString("s.story", STORY).story();
        Evaluator ev = new Evaluator(story);
        SceneVisit hall = ev.enter("hall", ev.initialState());
        SceneVisit mara = ev.enter("greet", ev.answer(hall, "Mara").state());
        SceneVisit zed = ev.enter("greet", ev.answer(hall, "Zed").state());
        SceneRequest a = VisitRequests.served(Path.of("."), story, mara.shots());
        SceneRequest b = VisitRequests.served(Path.of("."), story, zed.shots());
        RenderTools tools = RenderTools.fromConfiguration();
        assertEquals(ContentKey.of(a, tools), ContentKey.of(b, tools), "the same frames, so the same render");
        SceneRequest burnedA = new SceneRequest(a.storyRoot(), a.format(), a.label(), a.shots(), true);
        SceneRequest burnedB = new SceneRequest(b.storyRoot(), b.format(), b.label(), b.shots(), true);
        assertNotEquals(ContentKey.of(burnedA, tools), ContentKey.of(burnedB, tools), "burned-in captions are in the frames");
    }
}
