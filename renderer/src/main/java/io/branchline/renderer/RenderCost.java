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

    /**
     * Reference ms per frame of one shot at 480x854: painting, styling, then captions, label and
     * encoding.
     *
     * <p>The full tier's figures are the stage times of {@code ./branchline bench render} on the
     * reference machine with nothing else running (docs/benchmarks.md, "Renderer", 2026-11-25).
     * The draft tier's are the full ones times the draft/full ratio of each stage that
     * {@code ./branchline bench render --size 480x854 --kinds generate,styled --tier full,draft}
     * measured on 2026-12-06 with the two tiers' runs taking turns (docs/benchmarks.md, "Render
     * ladder: draft tier"): a generated shot painted at a sixteenth of the pixels on half the frames
     * took 0.15 of the full painting time, scaling up and repeating included (a generator has a
     * cost per frame that does not shrink with the pixels); styling at a quarter of the pixels on
     * half the frames took 0.14; scaling a styled title's half-size pictures up and repeating them
     * added 0.35–0.4 ms a frame. Encoding took the same time at both tiers until the encoder stopped
     * being given a draft's repeated frames; since then it takes 0.6 of the full tier's (the same
     * bench, 2026-12-06, session 24: 1.10 against 1.82 ms a frame for a generated shot, 1.01
     * against 1.63 for a styled one). The rough tier is the draft painting a quarter of the frames
     * instead of half.
     */
    static double perFrame(ResolvedShot shot, RenderTier tier) {
        double paint = switch (shot.kind()) {
            case "generate" -> 5.8;
            // The 2.5D move of a shot with the author's depth map: 6–8 times the flat move in
            // ModelsBenchmark (docs/benchmarks.md, "Models: depth, parallax and style"). A shot the
            // operator's depth model moves is counted flat: the cost sees the shot, not the tools.
            case "image" -> shot.depth() != null && !"still".equals(shot.motion()) ? 13.0 : 2.0;
            case "clip" -> 2.9;
            default -> 0.1; // title, colour
        };
        double style = shot.style() == null ? 0 : 3.3;
        double encode = ENCODE_MS;
        if (tier != RenderTier.FULL && DraftPictures.applies(shot)) {
            // The draft's shares were measured; the rough tier paints, styles and scales up half as
            // many pictures again, and its encoding was measured on its own.
            double fewer = (double) DraftPictures.step(RenderTier.DRAFT) / DraftPictures.step(tier);
            double share = shot.kind().equals("generate") ? DRAFT_GENERATED_SHARE : DRAFT_PAINT_SHARE;
            paint = (paint * share + DRAFT_SCALE_UP_MS) * fewer;
            style = style * DRAFT_STYLE_SHARE * fewer;
            encode = encode * (tier == RenderTier.DRAFT ? DRAFT_ENCODE_SHARE : ROUGH_ENCODE_SHARE);
        }
        return paint + style + encode;
    }

    /** Captions, label and encoding, at the full tier. */
    static final double ENCODE_MS = 1.7;
    /** Encoding a drafted shot, whose repeated frames x264 is not given, against encoding it in full. */
    static final double DRAFT_ENCODE_SHARE = 0.6;
    /**
     * Captions, label and encoding of a rough shot against the full tier's: x264 gets a quarter of
     * the frames ({@code ./branchline bench render --size 720x1280,480x854 --kinds
     * generate-styled,styled --tier full,draft,rough}, 2026-12-06, session 25: the encode stage
     * 1.28–1.45 against 3.80–4.09 ms a frame at 720x1280, 0.80–0.86 against 2.12–2.26 at 480x854).
     */
    static final double ROUGH_ENCODE_SHARE = 0.37;
    /** Painting a generated shot as a draft against painting it in full, scaling up aside (0.15 with it). */
    static final double DRAFT_GENERATED_SHARE = 0.08;
    /** Painting another drafted (styled) shot: a quarter of the pixels on half the frames. */
    static final double DRAFT_PAINT_SHARE = 0.125;
    /** Styling a drafted shot against styling it in full. */
    static final double DRAFT_STYLE_SHARE = 0.14;
    /** Scaling a drafted shot's pictures up and repeating them, per frame. */
    static final double DRAFT_SCALE_UP_MS = 0.4;
}
