package io.branchline.engine.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** The likeliest options are rendered ahead until the cover is reached; with the ladder, the rest as drafts only. */
class SpeculationPolicyTest {

    /** Night Ferry's first hub by the author's weights: the cabin, the lounge, the steward, naming the thief. */
    private static final double[] HUB = {0.43, 0.29, 0.14, 0.14};

    @Test
    void theLikeliestUntilTheCoverAndNothingMore() {
        SpeculationPolicy.Plan plan = new SpeculationPolicy(new ChoicePredictor(), 0.8).plan(HUB);
        assertArrayEquals(new boolean[] {true, true, true, false}, plan.ahead());
        assertArrayEquals(new boolean[] {false, false, false, false}, plan.draftAhead());
    }

    @Test
    void withTheLadderTheRestAreRenderedAheadAsDraftsOnly() {
        SpeculationPolicy.Plan plan = new SpeculationPolicy(new ChoicePredictor(), 0.8, true).plan(HUB);
        assertArrayEquals(new boolean[] {true, true, true, false}, plan.ahead());
        assertArrayEquals(new boolean[] {false, false, false, true}, plan.draftAhead(), "naming the thief: a draft for whoever takes it");
    }
}
