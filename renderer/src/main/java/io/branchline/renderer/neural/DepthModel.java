package io.branchline.renderer.neural;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.branchline.renderer.ContentKey;
import io.branchline.renderer.RenderException;
import io.branchline.renderer.media.DepthEstimator;
import io.branchline.renderer.media.DepthMap;
import io.branchline.renderer.models.ModelSignature;
import io.branchline.renderer.models.TensorSpec;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A depth-estimation network on ONNX Runtime, in the form Hugging Face exports Depth-Anything-V2
 * (and DPT/MiDaS) models: {@code pixel_values} float [1, 3, H, W] in, ImageNet-normalised RGB;
 * {@code predicted_depth} float [1, H, W] out, relative inverse depth (larger is nearer). The
 * picture is resized to the size fixed in the export (MiDaS small: 256×256) or, when the export
 * leaves the size open as Optimum's do, as Depth-Anything-V2's processor does: its shorter side
 * {@value #DEFAULT_SIZE} pixels, the longer one in proportion, both multiples of
 * {@value #MULTIPLE}. The output is stretched to 0 (farthest) .. 1 (nearest), Branchline's
 * {@link DepthMap} convention.
 */
public final class DepthModel implements DepthEstimator, AutoCloseable {

    /** What Branchline expects of a depth model's export. */
    public static final ModelSignature SIGNATURE = new ModelSignature("a depth-estimation model (Depth-Anything-V2 export)",
            List.of(TensorSpec.floats("pixel_values", 1, 3, -1, -1)),
            List.of(TensorSpec.floats("predicted_depth", 1, -1, -1)));

    /** Depth-Anything-V2's input size, used when the export leaves the size open. */
    public static final int DEFAULT_SIZE = 518;
    /** Depth-Anything-V2's patch size: an open-sized input's sides are multiples of it. */
    public static final int MULTIPLE = 14;
    private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] STD = {0.229f, 0.224f, 0.225f};

    private final OrtRuntime.Session session;
    private final int inputWidth;
    private final int inputHeight;
    private final String identity;

    private DepthModel(OrtRuntime.Session session, int inputWidth, int inputHeight, String sha256) {
        this.session = session;
        this.inputWidth = inputWidth;
        this.inputHeight = inputHeight;
        this.identity = "depth:" + sha256 + ":" + session.device();
    }

    /**
     * Opens the model in {@code file} and checks it against {@link #SIGNATURE}.
     *
     * @throws RenderException when the file cannot be read or is not a depth model of the expected form,
     *                         naming the tensor that differs
     */
    public static DepthModel open(Path file) {
        byte[] bytes = read(file, "depth model");
        return open(bytes, file.toString());
    }

    /** As {@link #open(Path)}, for a model already in memory; {@code source} names it in messages. */
    public static DepthModel open(byte[] model, String source) {
        OrtRuntime.Session session = SIGNATURE.open(model, "the depth model " + source, source);
        try {
            long[] shape = ModelSignature.tensor(session, "pixel_values", true).getShape();
            int h = shape[2] > 0 ? (int) shape[2] : 0;
            int w = shape[3] > 0 ? (int) shape[3] : 0;
            return new DepthModel(session, w, h, ContentKey.sha256(model));
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    static byte[] read(Path file, String what) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new RenderException("cannot read the " + what + " " + file + " (" + e.getMessage() + "): expected an ONNX file");
        }
    }

    /** The size a picture of {@code width}×{@code height} is resized to before the network sees it: {width, height}. */
    public int[] inputSize(int width, int height) {
        if (inputWidth > 0 && inputHeight > 0) {
            return new int[] {inputWidth, inputHeight};
        }
        double ratio = (double) width / height;
        if (ratio >= 1) {
            return new int[] {Math.max(MULTIPLE, (int) Math.round(DEFAULT_SIZE * ratio / MULTIPLE) * MULTIPLE), DEFAULT_SIZE};
        }
        return new int[] {DEFAULT_SIZE, Math.max(MULTIPLE, (int) Math.round(DEFAULT_SIZE / ratio / MULTIPLE) * MULTIPLE)};
    }

    @Override
    public DepthMap estimate(BufferedImage picture) {
        int[] size = inputSize(picture.getWidth(), picture.getHeight());
        int inputWidth = size[0];
        int inputHeight = size[1];
        float[] pixels = normalised(picture, inputWidth, inputHeight);
        try (OnnxTensor input = OnnxTensor.createTensor(OrtRuntime.environment(), FloatBuffer.wrap(pixels),
                new long[] {1, 3, inputHeight, inputWidth});
                OrtSession.Result result = session.session().run(Map.of("pixel_values", input))) {
            OnnxValue value = result.get("predicted_depth").orElseThrow(() ->
                    new RenderException("the depth model gave no \"predicted_depth\""));
            OnnxTensor depth = (OnnxTensor) value;
            long[] shape = depth.getInfo().getShape();
            if (shape.length != 3 || shape[0] != 1 || shape[1] < 1 || shape[2] < 1) {
                throw new RenderException("the depth model's output \"predicted_depth\" has shape "
                        + TensorSpec.shapeText(shape) + "; expected [1, H, W]");
            }
            int h = (int) shape[1];
            int w = (int) shape[2];
            float[] raw = new float[w * h];
            depth.getFloatBuffer().get(raw);
            return DepthMap.normalised(w, h, raw);
        } catch (OrtException e) {
            throw new RenderException("the depth model failed: " + e.getMessage(), e);
        }
    }

    /** The picture resized to w×h (bicubic), as planar RGB normalised by ImageNet's mean and deviation. */
    static float[] normalised(BufferedImage picture, int w, int h) {
        BufferedImage resized = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = resized.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(picture, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        int[] rgb = resized.getRGB(0, 0, w, h, null, 0, w);
        int plane = w * h;
        float[] out = new float[3 * plane];
        for (int i = 0; i < plane; i++) {
            int p = rgb[i];
            out[i] = ((p >> 16 & 0xFF) / 255f - MEAN[0]) / STD[0];
            out[plane + i] = ((p >> 8 & 0xFF) / 255f - MEAN[1]) / STD[1];
            out[2 * plane + i] = ((p & 0xFF) / 255f - MEAN[2]) / STD[2];
        }
        return out;
    }

    @Override
    public String identity() {
        return identity;
    }

    @Override
    public void close() {
        session.close();
    }
}
