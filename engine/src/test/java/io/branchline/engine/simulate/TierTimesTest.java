package io.branchline.engine.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.branchline.engine.schedule.VisitCost;
import io.branchline.renderer.RenderTier;
import org.junit.jupiter.api.Test;

class TierTimesTest {

    @Test
    void theFullTierIsTheCostModelSpreadByVideoTimeAndTheDraftItsReferenceShareBothTimesTheLoad() {
        // 3.5 s of video in 1 s segments (the last one half long), 2 s to render at full quality
        // unloaded; the draft costs a quarter of full per segment; load 3.
        TierTimes t = TierTimes.of(2000, 3500, 1000, 4, VisitCost.uniform(4, 1000, 100, 25), 3);
        assertEquals(0, t.upTo(RenderTier.FULL, 0));
        assertEquals(Math.round(3 * 2000 * 1000 / 3500.0), t.upTo(RenderTier.FULL, 1));
        assertEquals(6000, t.total(RenderTier.FULL));
        assertEquals(1500, t.total(RenderTier.DRAFT));
        assertEquals(Math.round(3 * 2000 * 500 / 3500.0), t.segment(RenderTier.FULL, 3), "the half segment costs half");
    }

    @Test
    void whereTheReferenceCostsTheSameAtBothTiersADraftTakesAsLongAsFull() {
        TierTimes t = TierTimes.of(1000, 2000, 1000, 2, VisitCost.uniform(2, 1000, 50, 50), 1);
        assertEquals(t.total(RenderTier.FULL), t.total(RenderTier.DRAFT));
        assertEquals(500, t.segment(RenderTier.DRAFT, 1));
    }

    @Test
    void segmentsBeyondTheReferenceTakeTheWholeVisitsProportion() {
        VisitCost twoSegments = new VisitCost(new double[][] {{100, 200}, {50, 100}, {50, 100}}, 1000);
        assertEquals(0.5, TierTimes.share(twoSegments, RenderTier.DRAFT, 5), 1e-12);
        assertEquals(0.5, TierTimes.share(twoSegments, RenderTier.DRAFT, 1), 1e-12);
    }
}
