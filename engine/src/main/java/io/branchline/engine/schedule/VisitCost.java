package io.branchline.engine.schedule;

import io.branchline.renderer.RenderCost;
import io.branchline.renderer.RenderTier;
import io.branchline.renderer.SceneRequest;

/**
 * What a visit costs to render at each tier, in reference milliseconds (see {@link RenderCost}),
 * up to the end of each of its segments, and how long each segment plays.
 *
 * @param full      cumulative reference ms to finish segment i at full quality
 * @param draft     the same at the draft tier
 * @param rough     the same at the rough tier
 * @param segmentMs how long one segment plays
 */
public record VisitCost(double[] full, double[] draft, double[] rough, long segmentMs) {

    /** A visit whose rough tier costs what its draft does (for tests and simulations that model two tiers). */
    public VisitCost(double[] full, double[] draft, long segmentMs) {
        this(full, draft, draft, segmentMs);
    }

    /** The costs of a visit, worked out from its request. */
    public static VisitCost of(SceneRequest request) {
        int framesPerSegment = request.format().framesPerSegment();
        int frames = request.frames();
        int segments = Math.max(1, (frames + framesPerSegment - 1) / framesPerSegment);
        double[] full = new double[segments];
        double[] draft = new double[segments];
        double[] rough = new double[segments];
        for (int i = 0; i < segments; i++) {
            int upTo = Math.min(frames, (i + 1) * framesPerSegment);
            full[i] = RenderCost.upTo(request, RenderTier.FULL, upTo);
            draft[i] = RenderCost.upTo(request, RenderTier.DRAFT, upTo);
            rough[i] = RenderCost.upTo(request, RenderTier.ROUGH, upTo);
        }
        return new VisitCost(full, draft, rough, request.format().segmentMs());
    }

    /** The same reference cost per segment at every tier, the rough tier costing what the draft does. */
    public static VisitCost uniform(int segments, long segmentMs, double fullPerSegment, double draftPerSegment) {
        return uniform(segments, segmentMs, fullPerSegment, draftPerSegment, draftPerSegment);
    }

    /** The same reference cost per segment at every tier (for tests and simulations that model cost directly). */
    public static VisitCost uniform(int segments, long segmentMs, double fullPerSegment, double draftPerSegment, double roughPerSegment) {
        double[] full = new double[segments];
        double[] draft = new double[segments];
        double[] rough = new double[segments];
        for (int i = 0; i < segments; i++) {
            full[i] = fullPerSegment * (i + 1);
            draft[i] = draftPerSegment * (i + 1);
            rough[i] = roughPerSegment * (i + 1);
        }
        return new VisitCost(full, draft, rough, segmentMs);
    }

    public int segments() {
        return full.length;
    }

    /** Reference ms to finish segment {@code index} (0-based) at {@code tier}. */
    public double upTo(RenderTier tier, int index) {
        double[] of = switch (tier) {
            case FULL -> full;
            case DRAFT -> draft;
            case ROUGH -> rough;
        };
        return of[Math.min(index, of.length - 1)];
    }
}
