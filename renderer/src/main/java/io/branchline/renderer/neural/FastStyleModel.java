package io.branchline.renderer.neural;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.branchline.renderer.ContentKey;
import io.branchline.renderer.RenderException;
import io.branchline.renderer.RenderFormat;
import io.branchline.renderer.models.ModelSignature;
import io.branchline.renderer.models.TensorSpec;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A fast feed-forward style network (the ONNX model zoo's fast-neural-style family: mosaic,
 * candy, rain princess, udnie, pointilism): one picture in, the same picture in the style out.
 * {@code input1} float [1, 3, 224, 224] takes RGB from 0 to 255; {@code output1} gives the
 * styled picture in the same form. Each frame is resized to the network's size (224×224 in
 * the zoo's exports; an export with open sizes runs at half the frame's size), styled, and
 * resized back to the frame.
 */
public final class FastStyleModel implements AutoCloseable {

    /** What Branchline expects of a style network's export. */
    public static final ModelSignature SIGNATURE = new ModelSignature("a fast-neural-style network (ONNX model zoo form)",
            List.of(TensorSpec.floats("input1", 1, 3, -1, -1)),
            List.of(TensorSpec.floats("output1", 1, 3, -1, -1)));

    /** The zoo's input size. */
    public static final int ZOO_SIZE = 224;

    private final String name;
    private final OrtRuntime.Session session;
    private final int fixedWidth;
    private final int fixedHeight;
    private final String identity;

    private FastStyleModel(String name, OrtRuntime.Session session, int fixedWidth, int fixedHeight, String sha256) {
        this.name = name;
        this.session = session;
        this.fixedWidth = fixedWidth;
        this.fixedHeight = fixedHeight;
        this.identity = "style:" + name + ":" + sha256 + ":" + session.device();
    }

    /**
     * Opens the style network in {@code file}, called {@code name} (the style a story names).
     *
     * @throws RenderException when the file cannot be read or its inputs and outputs are not the expected ones
     */
    public static FastStyleModel open(String name, Path file) {
        return open(name, DepthModel.read(file, "style model"), file.toString());
    }

    /** As {@link #open(String, Path)}, for a model in memory; {@code source} names it in messages. */
    public static FastStyleModel open(String name, byte[] model, String source) {
        OrtRuntime.Session session = SIGNATURE.open(model, "the style model " + source, source);
        try {
            long[] shape = ModelSignature.tensor(session, "input1", true).getShape();
            return new FastStyleModel(name, session, (int) shape[3], (int) shape[2], ContentKey.sha256(model));
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /** The style's name. */
    public String name() {
        return name;
    }

    /** The model's SHA-256, name and device, for content keys and provenance. */
    public String identity() {
        return identity;
    }

    /** Restyles {@code frame} in place. */
    public void apply(BufferedImage frame) {
        int w = fixedWidth > 0 ? fixedWidth : Math.max(4, frame.getWidth() / 2 / 4 * 4);
        int h = fixedHeight > 0 ? fixedHeight : Math.max(4, frame.getHeight() / 2 / 4 * 4);
        float[] in = planar(resize(frame, w, h));
        float[] out = new float[in.length];
        try (OnnxTensor input = OnnxTensor.createTensor(OrtRuntime.environment(), FloatBuffer.wrap(in), new long[] {1, 3, h, w});
                OrtSession.Result result = session.session().run(Map.of("input1", input))) {
            OnnxTensor styled = (OnnxTensor) result.get("output1").orElseThrow(() ->
                    new RenderException("the style model " + name + " gave no \"output1\""));
            long[] shape = styled.getInfo().getShape();
            if (shape.length != 4 || shape[1] != 3 || shape[2] * shape[3] * 3 != in.length) {
                throw new RenderException("the style model " + name + "'s output \"output1\" has shape "
                        + TensorSpec.shapeText(shape) + "; expected [1, 3, " + h + ", " + w + "]");
            }
            styled.getFloatBuffer().get(out);
        } catch (OrtException e) {
            throw new RenderException("the style model " + name + " failed: " + e.getMessage(), e);
        }
        BufferedImage small = fromPlanar(out, w, h);
        Graphics2D g = frame.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(small, 0, 0, frame.getWidth(), frame.getHeight(), null);
        } finally {
            g.dispose();
        }
    }

    /** A prepared style for one shot: the same network on every frame. */
    public FrameStyler.ShotStyle shotStyle(RenderFormat format) {
        return (frame, image) -> apply(image);
    }

    private static BufferedImage resize(BufferedImage frame, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(frame, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static float[] planar(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] rgb = image.getRGB(0, 0, w, h, null, 0, w);
        int plane = w * h;
        float[] out = new float[3 * plane];
        for (int i = 0; i < plane; i++) {
            out[i] = rgb[i] >> 16 & 0xFF;
            out[plane + i] = rgb[i] >> 8 & 0xFF;
            out[2 * plane + i] = rgb[i] & 0xFF;
        }
        return out;
    }

    private static BufferedImage fromPlanar(float[] values, int w, int h) {
        int plane = w * h;
        int[] rgb = new int[plane];
        for (int i = 0; i < plane; i++) {
            rgb[i] = channel(values[i]) << 16 | channel(values[plane + i]) << 8 | channel(values[2 * plane + i]);
        }
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        out.setRGB(0, 0, w, h, rgb, 0, w);
        return out;
    }

    private static int channel(float v) {
        return Float.isNaN(v) ? 0 : Math.max(0, Math.min(255, Math.round(v)));
    }

    @Override
    public void close() {
        session.close();
    }
}
