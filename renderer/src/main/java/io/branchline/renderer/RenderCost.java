package io.branchline.renderer;

import io.branchline.story.eval.ResolvedShot;

/**
 * What a render costs relative to others, before it runs: milliseconds a reference machine
 * (one core of a 2-core AMD EPYC, nothing else running; see docs/benchmarks.md) takes per frame
 * of each kind of shot at each tier, scaled by the frame's pixels. The scheduler multiplies this
 * by how fast renders on this machine have actually gone lately, so the table need only be
 * right in proportion.
 */
public final class RenderCost {

    /** Pixels of the reference frame the table was measured at (480x854). */
    private static final double REFERENCE_PIXELS = 480.0 * 854.0;

    private RenderCost() {
    }

    /** Reference milliseconds to render the whole visit at {@code tier}. */
    public static double total(SceneRequest request, RenderTier tier) {
        return upTo(request, tier, request.frames());
    }

    /** Reference milliseconds until the first media segment of the visit is finished at {@code tier}. */
    public static double firstSegment(SceneRequest request, RenderTier tier) {
        return upTo(request, tier, Math.min(request.frames(), request.format().framesPerSegment()));
    }

    /** Reference milliseconds of the visit's first {@code frames} frames, plus starting the encoder. */
    public static double upTo(SceneRequest request, RenderTier tier, int frames) {
        RenderFormat format = request.format();
        double scale = format.width() * (double) format.height() / REFERENCE_PIXELS;
        double ms = STARTUP_MS;
        int left = frames;
        for (ResolvedShot shot : request.shots()) {
            if (left <= 0) {
                break;
            }
            int n = Math.min(left, format.frames(shot.durationMs()));
            ms += n * scale * perFrame(shot, tier);
            left -= n;
        }
        return ms;
    }

    /** Starting the encoder and writing the init segment. */
    static final double STARTUP_MS = 60;

    /** Reference ms per frame of one shot at 480x854: painting, styling, then captions, label and encoding. */
    static double perFrame(ResolvedShot shot, RenderTier tier) {
        boolean draft = tier == RenderTier.DRAFT;
        double paint = switch (shot.kind()) {
            case "generate" -> draft ? 5.8 / 8 : 5.8; // a quarter of the pixels, every second frame
            case "image" -> 2.0;
            case "clip" -> 2.9;
            default -> 0.1; // title, colour
        };
        double style = shot.style() == null ? 0 : (draft ? 3.3 / 8 : 3.3);
        double encode = 1.7;
        return paint + style + encode;
    }
}
