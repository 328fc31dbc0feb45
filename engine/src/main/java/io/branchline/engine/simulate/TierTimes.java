package io.branchline.engine.simulate;

import io.branchline.engine.schedule.VisitCost;
import io.branchline.renderer.RenderTier;

/**
 * How long one visit takes to render in the simulation at each tier, up to the end of each of
 * its segments, in simulated milliseconds.
 *
 * <p>The full tier takes what the {@link CostModel} says (or {@code --speed}), spread over the
 * segments in proportion to their video time, as before there were tiers: so with no load and
 * no ladder the simulation is what it always was. The draft tier takes, segment by segment, the
 * full tier's time scaled by the draft-to-full proportion of the visit's reference cost (the rough
 * tier likewise by its own)
 * ({@link VisitCost}, worked out by {@code RenderCost}): the cost table is only trusted in
 * proportion, the way the scheduler uses it. A loaded machine ({@code --load F}) multiplies
 * both tiers by F. The scheduler measures these times against the reference cost, as the
 * engine measures real renders, and so sees the load.
 */
final class TierTimes {

    /** Per tier (by ordinal), simulated ms up to the end of each segment; index 0 is 0. */
    private final long[][] upTo;

    private TierTimes(long[][] upTo) {
        this.upTo = upTo;
    }

    /**
     * @param costMs    the full tier's render time of the whole visit with no load (the cost model)
     * @param videoMs   the visit's video time
     * @param segmentMs one segment's video time
     * @param segments  how many segments the visit has
     * @param reference the visit's reference cost per tier
     * @param load      how much slower the machine renders than with nothing else running (1: not loaded)
     */
    static TierTimes of(long costMs, long videoMs, long segmentMs, int segments, VisitCost reference, double load) {
        RenderTier[] tiers = RenderTier.values();
        long[][] upTo = new long[tiers.length][segments + 1];
        for (RenderTier tier : tiers) {
            long[] of = upTo[tier.ordinal()];
            double sum = 0;
            for (int n = 1; n <= segments; n++) {
                if (tier == RenderTier.FULL) {
                    of[n] = fullUpTo(costMs, videoMs, segmentMs, n, load);
                } else {
                    double unloaded = fullUpTo(costMs, videoMs, segmentMs, n, 1) - fullUpTo(costMs, videoMs, segmentMs, n - 1, 1);
                    sum += unloaded * share(reference, tier, n - 1);
                    of[n] = Math.round(load * sum);
                }
            }
        }
        return new TierTimes(upTo);
    }

    /** The cost spread in proportion to video time (exactly the simulator's arithmetic before tiers, at load 1). */
    private static long fullUpTo(long costMs, long videoMs, long segmentMs, int n, double load) {
        if (n == 0) {
            return 0;
        }
        return videoMs == 0 ? Math.round(load * costMs) : Math.round(load * (double) costMs * Math.min(videoMs, n * segmentMs) / videoMs);
    }

    /** {@code tier}'s over full reference cost of segment {@code index}; the whole visit's when that segment has no cost of its own. */
    static double share(VisitCost reference, RenderTier tier, int index) {
        int last = reference.segments() - 1;
        if (index <= last) {
            double f = reference.upTo(RenderTier.FULL, index) - (index == 0 ? 0 : reference.upTo(RenderTier.FULL, index - 1));
            double d = reference.upTo(tier, index) - (index == 0 ? 0 : reference.upTo(tier, index - 1));
            if (f > 0) {
                return d / f;
            }
        }
        double f = reference.upTo(RenderTier.FULL, last);
        return f > 0 ? reference.upTo(tier, last) / f : 1;
    }

    /** Simulated ms to render the first {@code n} segments at {@code tier}. */
    long upTo(RenderTier tier, int n) {
        long[] of = upTo[tier.ordinal()];
        return of[Math.max(0, Math.min(n, of.length - 1))];
    }

    /** Simulated ms to render segment {@code index} (0-based) at {@code tier}. */
    long segment(RenderTier tier, int index) {
        return upTo(tier, index + 1) - upTo(tier, index);
    }

    /** Simulated ms to render the whole visit at {@code tier}. */
    long total(RenderTier tier) {
        return upTo(tier, upTo[0].length - 1);
    }
}
