package io.branchline.engine.simulate;

import io.branchline.story.eval.ResolvedShot;
import io.branchline.story.eval.SceneVisit;

/**
 * How long a visit takes to render on one slot. Speeds are seconds of video per second of
 * render time: color and title shots 15x, image and clip 8x, generate 3x; a fixed speed
 * (above 0) replaces them all.
 */
public final class CostModel {

    private final double fixed;

    public CostModel(double fixedSpeed) {
        this.fixed = fixedSpeed;
    }

    public double speed(String kind) {
        if (fixed > 0) {
            return fixed;
        }
        return switch (kind) {
            case "color", "title" -> 15;
            case "image", "clip" -> 8;
            default -> 3;
        };
    }

    /** The render time of a visit in milliseconds. */
    public long costMs(SceneVisit visit) {
        double ms = 0;
        for (ResolvedShot s : visit.shots()) {
            ms += s.durationMs() / speed(s.kind());
        }
        return Math.round(ms);
    }
}
