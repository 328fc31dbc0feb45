package io.branchline.engine.schedule;

import io.branchline.renderer.RenderCost;
import io.branchline.renderer.RenderTier;
import io.branchline.renderer.SceneRequest;

/**
 * What a visit costs to render at each tier, in reference milliseconds (see {@link RenderCost}),
 * up to the end of each of its segments, and how long each segment plays.
 *
 * @param upTo      per tier (by {@link RenderTier#ordinal()}, best first), cumulative reference ms
 *                  to finish segment i
 * @param segmentMs how long one segment plays
 */
public record VisitCost(double[][] upTo, long segmentMs) {

    /** The costs of a visit, worked out from its request. */
    public static VisitCost of(SceneRequest request) {
        int framesPerSegment = request.format().framesPerSegment();
        int frames = request.frames();
        int segments = Math.max(1, (frames + framesPerSegment - 1) / framesPerSegment);
        RenderTier[] tiers = RenderTier.values();
        double[][] upTo = new double[tiers.length][segments];
        for (RenderTier tier : tiers) {
            for (int i = 0; i < segments; i++) {
                upTo[tier.ordinal()][i] = RenderCost.upTo(request, tier, Math.min(frames, (i + 1) * framesPerSegment));
            }
        }
        return new VisitCost(upTo, request.format().segmentMs());
    }

    /**
     * The same reference cost per segment at every tier (for tests and simulations that model cost
     * directly): {@code perSegment} gives it per tier, best first; tiers past the last given cost
     * what the last given does (a rough render what a draft does, when only full and draft are given).
     */
    public static VisitCost uniform(int segments, long segmentMs, double... perSegment) {
        if (perSegment.length == 0) {
            throw new IllegalArgumentException("no cost per segment given");
        }
        double[][] upTo = new double[RenderTier.values().length][segments];
        for (int t = 0; t < upTo.length; t++) {
            double each = perSegment[Math.min(t, perSegment.length - 1)];
            for (int i = 0; i < segments; i++) {
                upTo[t][i] = each * (i + 1);
            }
        }
        return new VisitCost(upTo, segmentMs);
    }

    public int segments() {
        return upTo[0].length;
    }

    /** Reference ms to finish segment {@code index} (0-based) at {@code tier}. */
    public double upTo(RenderTier tier, int index) {
        double[] of = upTo[tier.ordinal()];
        return of[Math.min(index, of.length - 1)];
    }
}
