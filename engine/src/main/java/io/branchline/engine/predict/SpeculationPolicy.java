package io.branchline.engine.predict;

import io.branchline.story.eval.SceneVisit;
import io.branchline.story.eval.Terminal;
import java.util.Arrays;

/**
 * Which options of a choice are rendered ahead, and how likely each is: the likeliest first,
 * until {@code cover} of the predicted picks is covered; the rest wait until a viewer picks
 * them. The engine's sessions and the simulator run this one class, so what {@code simulate}
 * measures is what the engine does.
 *
 * @param predictor what viewers picked (and the author's weights as the prior)
 * @param cover     the share of predicted picks rendered ahead (0..1)
 */
public record SpeculationPolicy(ChoicePredictor predictor, double cover) {

    /** The share of predicted picks the engine renders ahead. */
    public static final double DEFAULT_COVER = 0.8;

    /** What to do at a choice: each shown option's probability, and whether to render its next visit ahead. */
    public record Plan(double[] probabilities, boolean[] ahead) {
    }

    /** The plan for the choice {@code visit} ends with, in story {@code storyId}. */
    public Plan plan(String storyId, SceneVisit visit) {
        Terminal.Choice choice = (Terminal.Choice) visit.terminal();
        double[] p = predictor.probabilities(storyId, visit.scene(), choice.options());
        return new Plan(p, covering(p, cover));
    }

    /** Which options to render ahead: the likeliest first, until {@code cover} of the picks is covered. */
    static boolean[] covering(double[] p, double cover) {
        Integer[] order = new Integer[p.length];
        for (int i = 0; i < p.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(p[b], p[a]));
        boolean[] ahead = new boolean[p.length];
        double covered = 0;
        for (int i : order) {
            if (covered >= cover - 1e-9) {
                break;
            }
            covered += p[i];
            ahead[i] = true;
        }
        return ahead;
    }
}
