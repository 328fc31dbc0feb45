package io.branchline.renderer;

import io.branchline.renderer.neural.FrameStyler;
import io.branchline.story.eval.ResolvedShot;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * A shot's pictures at the draft tier: painted, and styled, at half the width and half the height
 * of the story's format and only on every {@value #STEP}nd frame, then scaled up bilinearly
 * ({@link Upscale}); the frame in between shows the one before it again. Time in the shot is
 * unchanged (frame {@code n} is painted as frame {@code n} of the shot), so a draft frame is the
 * full frame at lower resolution, or its predecessor.
 *
 * <p>Only {@code generate} shots and styled shots are drafted: painting a title, colour, image or
 * clip costs little beside encoding the frame. The painter is asked for frames 0, 2, 4, ... in
 * order, which every painter allows (the contract is order, not every frame).
 */
final class DraftPictures implements ShotPictures {

    /** A painted frame serves this many frames. */
    static final int STEP = 2;

    private final ShotPainter painter;
    private final FrameStyler.ShotStyle style;
    private final BufferedImage small;
    private final int[] smallPixels;
    private final Upscale upscale;
    private final int[] kept;
    private boolean painted;

    private DraftPictures(ShotPainter painter, FrameStyler.ShotStyle style, RenderFormat reduced, RenderFormat format) {
        this.painter = painter;
        this.style = style;
        this.small = new BufferedImage(reduced.width(), reduced.height(), BufferedImage.TYPE_INT_RGB);
        this.smallPixels = ((DataBufferInt) small.getRaster().getDataBuffer()).getData();
        this.upscale = new Upscale(format.width(), format.height());
        this.kept = new int[format.width() * format.height()];
    }

    /** Whether the draft tier paints this shot differently from the full tier. */
    static boolean applies(ResolvedShot shot) {
        return shot.kind().equals("generate") || shot.style() != null;
    }

    /** The format a draft paints at: half the width and height (rounded up), the same rate and segments. */
    static RenderFormat reduced(RenderFormat format) {
        return new RenderFormat(Upscale.half(format.width()), Upscale.half(format.height()), format.fps(), format.segmentMs());
    }

    static DraftPictures open(ResolvedShot shot, SceneRequest request, RenderTools tools) {
        RenderFormat reduced = reduced(request.format());
        ShotPainter painter = ShotPainters.open(shot, request, tools, reduced);
        try {
            FrameStyler.ShotStyle style = shot.style() == null ? null : tools.styler().prepare(shot.style(), shot.seed(), reduced);
            return new DraftPictures(painter, style, reduced, request.format());
        } catch (RuntimeException e) {
            painter.close();
            throw e;
        }
    }

    @Override
    public void paint(int frame, BufferedImage canvas, StageClock clock) {
        if (frame % STEP == 0 || !painted) {
            clock.generate(() -> painter.paint(frame, small));
            if (style != null) {
                clock.style(() -> style.apply(frame, small));
            }
            clock.generate(() -> upscale.apply(smallPixels, kept));
            painted = true;
        }
        clock.generate(() -> System.arraycopy(kept, 0, ((DataBufferInt) canvas.getRaster().getDataBuffer()).getData(), 0, kept.length));
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
