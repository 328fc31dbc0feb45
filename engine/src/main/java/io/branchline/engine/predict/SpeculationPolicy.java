package io.branchline.engine.predict;

import io.branchline.story.eval.SceneVisit;
import io.branchline.story.eval.Terminal;
import java.util.Arrays;

/**
 * Which options of a choice are rendered ahead, and how likely each is: the likeliest first,
 * until {@code cover} of the predicted picks is covered; the rest wait until a viewer picks
 * them, or, with {@code draftTheRest} (the render ladder on), are rendered ahead as drafts
 * only: a viewer who takes an unlikely option is shown a softer scene at once rather than a
 * frozen frame, and the full tier is rendered only if someone does. The engine's sessions and
 * the simulator run this one class, so what {@code simulate} measures is what the engine does
 * (the simulator does not model draft-only options).
 *
 * @param predictor    what viewers picked (and the author's weights as the prior)
 * @param cover        the share of predicted picks rendered ahead (0..1)
 * @param draftTheRest whether the options outside the cover are rendered ahead as drafts
 */
public record SpeculationPolicy(ChoicePredictor predictor, double cover, boolean draftTheRest) {

    /** Without draft-only options. */
    public SpeculationPolicy(ChoicePredictor predictor, double cover) {
        this(predictor, cover, false);
    }

    /** The share of predicted picks the engine renders ahead. */
    public static final double DEFAULT_COVER = 0.8;

    /**
     * What to do at a choice: each shown option's probability, whether to render its next visit
     * ahead, and whether to render it ahead as a draft only (never both).
     */
    public record Plan(double[] probabilities, boolean[] ahead, boolean[] draftAhead) {
    }

    /** The plan for the choice {@code visit} ends with, in story {@code storyId}. */
    public Plan plan(String storyId, SceneVisit visit) {
        Terminal.Choice choice = (Terminal.Choice) visit.terminal();
        return plan(predictor.probabilities(storyId, visit.scene(), choice.options()));
    }

    /** The plan for options of these probabilities. */
    public Plan plan(double[] p) {
        boolean[] ahead = covering(p, cover);
        boolean[] draft = new boolean[p.length];
        for (int i = 0; i < p.length; i++) {
            draft[i] = draftTheRest && !ahead[i];
        }
        return new Plan(p, ahead, draft);
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
