package io.branchline.engine.simulate;

/**
 * How a simulation runs.
 *
 * @param viewers          how many viewers arrive
 * @param renderSlots      how many jobs render at once
 * @param speed            seconds of video rendered per second of render time per slot for every
 *                         shot kind, or 0 for the cost model ({@link CostModel})
 * @param seed             the random seed: the same seed gives the same run
 * @param arrivalSeconds   the mean gap between viewers arriving (exponential gaps; the first arrives at 0)
 * @param disagree         viewers pick by the reverse order of the author's weights
 * @param timeoutChance    the chance a viewer lets a choice's timer run out (questions always time out)
 * @param eagerLimit       how many visits the eager policy's search renders at most
 * @param predictiveCover  the share of predicted picks the predictive policy renders ahead
 * @param wholeVisit       a visit plays only once wholly rendered (otherwise from its first segment when the
 *                         rest is sure to keep ahead of the player, as the engine's playlist allows)
 * @param load             how many times slower every render is than {@code speed} or the cost model says (a
 *                         loaded machine; 1: not loaded); both tiers alike ({@link TierTimes})
 * @param ladder           the scheduler's render ladder is on: a job that full quality cannot finish in time
 *                         renders at the draft tier, and the full tier follows as a low-priority upgrade
 */
public record SimOptions(int viewers, int renderSlots, double speed, long seed, double arrivalSeconds, boolean disagree,
                         double timeoutChance, int eagerLimit, double predictiveCover, boolean wholeVisit, double load,
                         boolean ladder) {

    public static SimOptions defaults() {
        return new SimOptions(1, 1, 0, 1, 5, false, 0.2, 500, io.branchline.engine.predict.SpeculationPolicy.DEFAULT_COVER, false,
                1, false);
    }

    public SimOptions withViewers(int n) {
        return new SimOptions(n, renderSlots, speed, seed, arrivalSeconds, disagree, timeoutChance, eagerLimit, predictiveCover, wholeVisit, load, ladder);
    }

    public SimOptions withRenderSlots(int k) {
        return new SimOptions(viewers, k, speed, seed, arrivalSeconds, disagree, timeoutChance, eagerLimit, predictiveCover, wholeVisit, load, ladder);
    }

    public SimOptions withSpeed(double x) {
        return new SimOptions(viewers, renderSlots, x, seed, arrivalSeconds, disagree, timeoutChance, eagerLimit, predictiveCover, wholeVisit, load, ladder);
    }

    public SimOptions withSeed(long s) {
        return new SimOptions(viewers, renderSlots, speed, s, arrivalSeconds, disagree, timeoutChance, eagerLimit, predictiveCover, wholeVisit, load, ladder);
    }

    public SimOptions withArrivalSeconds(double a) {
        return new SimOptions(viewers, renderSlots, speed, seed, a, disagree, timeoutChance, eagerLimit, predictiveCover, wholeVisit, load, ladder);
    }

    public SimOptions withDisagree(boolean d) {
        return new SimOptions(viewers, renderSlots, speed, seed, arrivalSeconds, d, timeoutChance, eagerLimit, predictiveCover, wholeVisit, load, ladder);
    }

    public SimOptions withPredictiveCover(double cover) {
        return new SimOptions(viewers, renderSlots, speed, seed, arrivalSeconds, disagree, timeoutChance, eagerLimit, cover, wholeVisit, load, ladder);
    }

    public SimOptions withTimeoutChance(double c) {
        return new SimOptions(viewers, renderSlots, speed, seed, arrivalSeconds, disagree, c, eagerLimit, predictiveCover, wholeVisit, load, ladder);
    }

    public SimOptions withWholeVisit(boolean w) {
        return new SimOptions(viewers, renderSlots, speed, seed, arrivalSeconds, disagree, timeoutChance, eagerLimit, predictiveCover, w, load, ladder);
    }

    public SimOptions withLoad(double f) {
        return new SimOptions(viewers, renderSlots, speed, seed, arrivalSeconds, disagree, timeoutChance, eagerLimit, predictiveCover, wholeVisit, f, ladder);
    }

    public SimOptions withLadder(boolean on) {
        return new SimOptions(viewers, renderSlots, speed, seed, arrivalSeconds, disagree, timeoutChance, eagerLimit, predictiveCover, wholeVisit, load, on);
    }
}
