package io.branchline.renderer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.branchline.story.model.Step;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The prompt policy's version is part of the key of a visit with generated shots, and of no other. */
class ContentKeyPolicyTest {

    private static final RenderFormat FORMAT = new RenderFormat(240, 426, 30, 1000);
    private final RenderTools flat = Renders.flatTools();

    private RenderTools tools(String policy) {
        return new RenderTools(flat::generator, flat::styler, policy);
    }

    private static SceneRequest request(io.branchline.story.eval.ResolvedShot shot) {
        return new SceneRequest(Path.of("."), FORMAT, "AI-generated", List.of(shot));
    }

    @Test
    void aNewPolicyVersionMakesGeneratedVisitsRenderAgain() {
        SceneRequest generated = request(Renders.generate("a lighthouse in fog", 1000));
        assertNotEquals(ContentKey.of(generated, tools("2026.12.1+aaaaaaaaaaaa")), ContentKey.of(generated, tools("2026.12.2+bbbbbbbbbbbb")));
        assertNotEquals(ContentKey.of(generated, tools(null)), ContentKey.of(generated, tools("2026.12.1+aaaaaaaaaaaa")));
        assertEquals(ContentKey.of(generated, tools("2026.12.1+aaaaaaaaaaaa")), ContentKey.of(generated, tools("2026.12.1+aaaaaaaaaaaa")));
    }

    @Test
    void aVisitOfTitlesKeepsItsKeyWhateverThePolicy() {
        SceneRequest titles = request(Renders.shot("title", 1000, null, "Chapter one", null, null, Step.Transition.CUT, null, false));
        assertEquals(ContentKey.of(titles, tools(null)), ContentKey.of(titles, tools("2026.12.1+aaaaaaaaaaaa")));
    }
}
