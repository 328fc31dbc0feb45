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
        assertArrayEquals(new double[] {0.75, 0.25}, new ChoicePredictor().probabilities("s", "lobby", 7, SHOWN), 1e-9);
    }

    @Test
    void picksMoveItAndOnlyShownOptionsShareIt() {
        ChoicePredictor p = new ChoicePredictor();
        for (int i = 0; i < 15; i++) {
            p.picked("s", "lobby", 7, "elevator");
        }
        // (5 * 3/4 + 0) : (5 * 1/4 + 15) = 3.75 : 16.25
        assertArrayEquals(new double[] {3.75 / 20, 16.25 / 20}, p.probabilities("s", "lobby", 7, SHOWN), 1e-9);
        assertArrayEquals(new double[] {1.0}, p.probabilities("s", "lobby", 7, List.of(option(0, "stairs", 3))), 1e-9,
                "a hidden option takes no share");
        assertArrayEquals(new double[] {0.75, 0.25}, p.probabilities("s", "lobby", 9, SHOWN), 1e-9, "another choice has its own counts");
        ChoicePredictor loaded = new ChoicePredictor();
        loaded.load(p.counts());
        assertEquals(p.counts(), loaded.counts());
    }
}
