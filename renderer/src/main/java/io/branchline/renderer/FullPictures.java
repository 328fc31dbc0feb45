package io.branchline.renderer;

import io.branchline.renderer.neural.FrameStyler;
import io.branchline.story.eval.ResolvedShot;
import java.awt.image.BufferedImage;

/** A shot's pictures at full quality: every frame painted, and styled, at the story's size. */
final class FullPictures implements ShotPictures {

    private final ShotPainter painter;
    private final FrameStyler.ShotStyle style;

    private FullPictures(ShotPainter painter, FrameStyler.ShotStyle style) {
        this.painter = painter;
        this.style = style;
    }

    static FullPictures open(ResolvedShot shot, SceneRequest request, RenderTools tools) {
        ShotPainter painter = ShotPainters.open(shot, request, tools, request.format());
        try {
            FrameStyler.ShotStyle style = shot.style() == null ? null
                    : tools.styler().prepare(shot.style(), shot.seed(), request.format());
            return new FullPictures(painter, style);
        } catch (RuntimeException e) {
            painter.close();
            throw e;
        }
    }

    @Override
    public void paint(int frame, BufferedImage canvas, StageClock clock) {
        clock.generate(() -> painter.paint(frame, canvas));
        if (style != null) {
            clock.style(() -> style.apply(frame, canvas));
        }
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
