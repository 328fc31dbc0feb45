package io.branchline.renderer;

import io.branchline.renderer.compose.Captions;
import io.branchline.renderer.neural.FrameStyler;
import io.branchline.story.eval.ResolvedShot;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * A still of a visit for story lists: its first shot half a second in (or its last frame when
 * shorter), styled as it plays, with the disclosure label when that shot is generated or styled
 * — a poster must not pass generated footage off as real either. Captions are left out.
 */
public final class Poster {

    private Poster() {
    }

    /** The poster as a JPEG of the request's format; {@code null} when the visit has no shot. */
    @SuppressWarnings("try")   // the lease is held while the frame is drawn, never read
    public static byte[] jpeg(SceneRequest request, RenderTools tools) {
        if (request.shots().isEmpty()) {
            return null;
        }
        RenderFormat format = request.format();
        ResolvedShot shot = request.shots().get(0);
        int frame = Math.min(format.frames(shot.durationMs()) - 1, format.fps() / 2);
        BufferedImage canvas = new BufferedImage(format.width(), format.height(), BufferedImage.TYPE_INT_RGB);
        try (RenderTools.Lease lease = tools.lease();
             ShotPainter painter = ShotPainters.open(shot, request, tools);
             FrameStyler.ShotStyle style = shot.style() == null ? null : tools.styler().prepare(shot.style(), shot.seed(), format)) {
            // Painters are asked for frames in order (clips decode forwards).
            for (int i = 0; i <= frame; i++) {
                painter.paint(i, canvas);
            }
            if (style != null) {
                style.apply(frame, canvas);
            }
        }
        if (shot.disclosed()) {
            Captions.disclosure(request.label(), format).drawOn(canvas);
        }
        return encode(canvas);
    }

    private static byte[] encode(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.85f);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
