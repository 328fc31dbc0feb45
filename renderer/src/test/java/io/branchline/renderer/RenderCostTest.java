package io.branchline.renderer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.story.eval.ResolvedShot;
import io.branchline.story.model.Step;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RenderCostTest {

    private static final RenderFormat FORMAT = new RenderFormat(480, 854, 30, 2000);

    private static double ratio(ResolvedShot shot) {
        SceneRequest request = new SceneRequest(Path.of("."), FORMAT, "AI-generated", List.of(shot));
        return RenderCost.total(request, RenderTier.FULL) / RenderCost.total(request, RenderTier.DRAFT);
    }

    @Test
    void onlyTheShotsADraftPaintsDifferentlyCostLessAsADraft() {
        assertTrue(ratio(Renders.generate("a harbour at dawn", 8000)) > 2, "a generated shot");
        ResolvedShot styledTitle = new ResolvedShot("title", 8000, null, "Styled", null, null, null, null, null, null,
                Step.Transition.CUT, "ink wash", 1L, null, true, 1);
        assertTrue(ratio(styledTitle) > 1.5, "a styled title");
        assertEquals(1.0, ratio(Renders.title("Plain", 8000)), 1e-9, "a title is painted alike");
        assertEquals(1.0, ratio(Renders.color("#102030", 8000)), 1e-9, "a colour is painted alike");
    }

    @Test
    void theFirstSegmentOfAGeneratedVisitCostsAboutAFullSegmentsShare() {
        SceneRequest request = new SceneRequest(Path.of("."), FORMAT, "AI-generated", List.of(Renders.generate("rain", 8000)));
        for (RenderTier tier : RenderTier.values()) {
            double whole = RenderCost.total(request, tier) - RenderCost.STARTUP_MS;
            double first = RenderCost.firstSegment(request, tier) - RenderCost.STARTUP_MS;
            assertEquals(whole / 4, first, 1e-6, tier + ": 2 s of an 8 s shot");
        }
    }
}
