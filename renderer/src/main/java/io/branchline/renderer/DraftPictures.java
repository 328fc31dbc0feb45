package io.branchline.renderer;

import io.branchline.renderer.neural.FrameStyler;
import io.branchline.story.eval.ResolvedShot;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * A shot's pictures at the draft and rough tiers: painted, and styled, at a fraction of the width
 * and height of the story's format and only on every {@link #step(RenderTier) step}th frame (every
 * 2nd at the draft tier, every 4th at the rough one), then scaled up bilinearly ({@link Upscale},
 * twice the size per step); the frames in between show the one before them again.
 * Time in the shot is unchanged (frame {@code n} is painted as frame {@code n} of the shot), so a
 * draft frame is the full frame at lower resolution, or its predecessor.
 *
 * <p>Only {@code generate} shots and styled shots are drafted: painting a title, colour, image or
 * clip costs little beside encoding the frame. Generated shots are painted at a quarter of the
 * width and height: the neural field is smooth, so a quarter loses next to nothing (38.6 dB
 * against the full frames at 480x854, 42.5 dB at half size), and at 720x1280 the draft's painting
 * fell from 3.45 to 2.12 ms a frame (docs/benchmarks.md, "Render ladder: draft tier"). Styled
 * shots that are not generated are painted at half: their text and the style's grain blur at a
 * quarter.
 *
 * <p>The rough tier is the draft at a quarter of the frame rate instead of half: at 720x1280 a
 * generated, styled shot costs about 0.6 of the draft's processor time (docs/benchmarks.md,
 * "Rough tier"). Its motion is visibly coarser; it is for when a draft would come too late.
 *
 * <p>The painter is asked for frames 0, 2, 4, ... (or 0, 4, 8, ...) in order, which every painter
 * allows (the contract is order, not every frame).
 */
final class DraftPictures implements ShotPictures {

    /** A painted draft frame serves this many frames. */
    static final int DRAFT_STEP = 2;
    /** A painted rough frame serves this many frames. */
    static final int ROUGH_STEP = 4;
    /** Times a generated shot's picture is halved across and down. */
    static final int GENERATED_HALVINGS = 2;
    /** Times a styled shot's picture is halved across and down. */
    static final int STYLED_HALVINGS = 1;

    private final ShotPainter painter;
    private final FrameStyler.ShotStyle style;
    private final BufferedImage small;
    /** The picture at each size from the painted one (0) to the story's, each twice the one before. */
    private final int[][] sizes;
    private final Upscale[] upscales;
    private final int step;
    private boolean painted;

    private DraftPictures(ShotPainter painter, FrameStyler.ShotStyle style, int halvings, RenderFormat format, int step) {
        this.painter = painter;
        this.style = style;
        this.step = step;
        this.sizes = new int[halvings + 1][];
        this.upscales = new Upscale[halvings];
        int w = format.width();
        int h = format.height();
        for (int i = halvings; i > 0; i--) {
            sizes[i] = new int[w * h];
            upscales[i - 1] = new Upscale(w, h);
            w = Upscale.half(w);
            h = Upscale.half(h);
        }
        this.small = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        sizes[0] = ((DataBufferInt) small.getRaster().getDataBuffer()).getData();
    }

    /** Whether the draft tier paints this shot differently from the full tier. */
    static boolean applies(ResolvedShot shot) {
        return shot.kind().equals("generate") || shot.style() != null;
    }

    /** How many frames one painted picture serves at {@code tier} (1 at the full tier). */
    static int step(RenderTier tier) {
        return switch (tier) {
            case FULL -> 1;
            case DRAFT -> DRAFT_STEP;
            case ROUGH -> ROUGH_STEP;
        };
    }

    /** Times a drafted shot's picture is halved across and down. */
    static int halvings(ResolvedShot shot) {
        return shot.kind().equals("generate") ? GENERATED_HALVINGS : STYLED_HALVINGS;
    }

    /** The format a draft paints at: the width and height halved (rounded up) {@code halvings} times, the same rate and segments. */
    static RenderFormat reduced(RenderFormat format, int halvings) {
        int w = format.width();
        int h = format.height();
        for (int i = 0; i < halvings; i++) {
            w = Upscale.half(w);
            h = Upscale.half(h);
        }
        return new RenderFormat(w, h, format.fps(), format.segmentMs());
    }

    static DraftPictures open(ResolvedShot shot, SceneRequest request, RenderTools tools, RenderTier tier) {
        int halvings = halvings(shot);
        RenderFormat reduced = reduced(request.format(), halvings);
        ShotPainter painter = ShotPainters.open(shot, request, tools, reduced);
        try {
            FrameStyler.ShotStyle style = shot.style() == null ? null : tools.styler().prepare(shot.style(), shot.seed(), reduced);
            return new DraftPictures(painter, style, halvings, request.format(), step(tier));
        } catch (RuntimeException e) {
            painter.close();
            throw e;
        }
    }

    @Override
    public boolean repeats(int frame) {
        return frame % step != 0 && painted;
    }

    @Override
    public void paint(int frame, BufferedImage canvas, StageClock clock) {
        if (frame % step == 0 || !painted) {
            clock.generate(() -> painter.paint(frame, small));
            if (style != null) {
                clock.style(() -> style.apply(frame, small));
            }
            clock.generate(() -> {
                for (int i = 0; i < upscales.length; i++) {
                    upscales[i].apply(sizes[i], sizes[i + 1]);
                }
            });
            painted = true;
        }
        int[] full = sizes[sizes.length - 1];
        clock.generate(() -> System.arraycopy(full, 0, ((DataBufferInt) canvas.getRaster().getDataBuffer()).getData(), 0, full.length));
    }

    @Override
    public void close() {
        try (painter) {
            if (style != null) {
                style.close();
            }
        }
    }
}
