package io.branchline.engine.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.branchline.story.eval.Terminal;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChoicePredictorTest {

    private static Terminal.ShownOption option(int i, String target, double weight) {
        return new Terminal.ShownOption(i, i, target, target, weight, List.of());
    }

    private static final List<Terminal.ShownOption> SHOWN = List.of(option(0, "stairs", 3), option(1, "elevator", 1));

    @Test
    void theAuthorsWeightsAreThePrior() {
        assertArrayEquals(new double[] {0.75, 0.25}, new ChoicePredictor().probabilities("s", "lobby", SHOWN), 1e-9);
    }

    @Test
    void picksMoveItAndOnlyShownOptionsShareIt() {
        ChoicePredictor p = new ChoicePredictor();
        for (int i = 0; i < 15; i++) {
            p.picked("s", "lobby", "elevator");
        }
        // (5 * 3/4 + 0) : (5 * 1/4 + 15) = 3.75 : 16.25
        assertArrayEquals(new double[] {3.75 / 20, 16.25 / 20}, p.probabilities("s", "lobby", SHOWN), 1e-9);
        assertArrayEquals(new double[] {1.0}, p.probabilities("s", "lobby", List.of(option(0, "stairs", 3))), 1e-9,
                "a hidden option takes no share");
        assertArrayEquals(new double[] {0.75, 0.25}, p.probabilities("s", "hall", SHOWN), 1e-9, "another choice has its own counts");
        ChoicePredictor loaded = new ChoicePredictor();
        loaded.load(p.counts());
        assertEquals(p.counts(), loaded.counts());
    }

    @Test
    void countsSavedUnderTheOldIdentityOfAChoiceAreKept() {
        ChoicePredictor p = new ChoicePredictor();
        p.load(java.util.Map.of("s/lobby@7", java.util.Map.of("elevator", 3L), "s/lobby@9", java.util.Map.of("elevator", 1L, "stairs", 2L)));
        assertEquals(java.util.Map.of("s/lobby", java.util.Map.of("elevator", 4L, "stairs", 2L)), p.counts(),
                "the choice moved from line 7 to line 9: its picks are one choice's");
    }
}
