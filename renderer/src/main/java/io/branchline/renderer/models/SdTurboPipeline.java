package io.branchline.renderer.models;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.branchline.renderer.RenderException;
import io.branchline.renderer.neural.OrtRuntime;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Text to picture with an SD-Turbo export on ONNX Runtime: CLIP's tokenizer and text encoder,
 * seeded Gaussian latents, one to four Euler (ancestral) steps of the UNet with no
 * classifier-free guidance (SD-Turbo is distilled for guidance scale 0), and the VAE's decoder.
 * The same prompt, seed and step count give the same picture on the same device.
 *
 * <p>Each network is checked against {@link SdTurboSignatures} when it is opened, so a wrong
 * export is refused with a message naming the tensor. Sessions are shared: several pictures may
 * be made at once on different threads.
 */
public final class SdTurboPipeline implements AutoCloseable {

    /** The picture side SD-Turbo was trained at. */
    public static final int SIDE = 512;
    /** The steps SD-Turbo's model card runs; up to {@link #MAX_STEPS} are allowed. */
    public static final int DEFAULT_STEPS = 1;
    public static final int MAX_STEPS = 4;

    private final ClipTokenizer tokenizer;
    private final EulerScheduler scheduler;
    private final double vaeScale;
    private final OrtRuntime.Session textEncoder;
    private final OrtRuntime.Session unet;
    private final OrtRuntime.Session vaeDecoder;
    private final boolean idsAreLongs;
    private final boolean timestepIsLong;
    private final int latentHeight;
    private final int latentWidth;
    private final String identity;

    private SdTurboPipeline(SdTurboExport export, int side, List<OrtRuntime.Session> opened) throws IOException {
        this.tokenizer = ClipTokenizer.read(export.tokenizer());
        this.scheduler = export.scheduler();
        this.vaeScale = export.vaeScale();
        this.textEncoder = open(export.textEncoder(), SdTurboSignatures.TEXT_ENCODER, opened);
        this.unet = open(export.unet(), SdTurboSignatures.UNET, opened);
        this.vaeDecoder = open(export.vaeDecoder(), SdTurboSignatures.VAE_DECODER, opened);
        this.idsAreLongs = type(textEncoder, "input_ids", true) == OnnxJavaType.INT64;
        this.timestepIsLong = type(unet, "timestep", true) == OnnxJavaType.INT64;
        long[] sample = shape(unet, "sample", true);
        this.latentHeight = sample[2] > 0 ? (int) sample[2] : side / 8;
        this.latentWidth = sample[3] > 0 ? (int) sample[3] : side / 8;
        long hidden = shape(textEncoder, "last_hidden_state", false)[2];
        long expected = shape(unet, "encoder_hidden_states", true)[2];
        if (hidden > 0 && expected > 0 && hidden != expected) {
            throw new RenderException(export.unet() + " is not the UNet of this export's text encoder: input \"encoder_hidden_states\" takes "
                    + expected + " features a token, but output \"last_hidden_state\" of " + export.textEncoder() + " gives " + hidden);
        }
        this.identity = export.identity() + "/" + textEncoder.device().name().toLowerCase();
    }

    /**
     * Opens the export in {@code export}'s folder, for pictures {@code side} pixels square (unless
     * the UNet fixes its own size).
     *
     * @throws RenderException when a part is missing, unreadable or not what the pipeline expects,
     *                         the message naming the file and the tensor
     */
    public static SdTurboPipeline open(SdTurboExport export, int side) {
        List<String> missing = export.missing();
        if (!missing.isEmpty()) {
            throw new RenderException(export.root() + " is not a complete SD-Turbo export: " + String.join("; ", missing));
        }
        if (side < 8 || side % 8 != 0) {
            throw new IllegalArgumentException("the picture side must be a multiple of 8, not " + side);
        }
        List<OrtRuntime.Session> opened = new ArrayList<>();
        try {
            return new SdTurboPipeline(export, side, opened);
        } catch (IOException e) {
            opened.forEach(OrtRuntime.Session::close);
            throw new RenderException("cannot read the SD-Turbo export in " + export.root() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            opened.forEach(OrtRuntime.Session::close);
            throw e;
        }
    }

    /** The identity of the export's files and the device it runs on. */
    public String identity() {
        return identity;
    }

    /** Where the networks run. */
    public OrtRuntime.Device device() {
        return unet.device();
    }

    /**
     * Makes the picture of {@code prompt}.
     *
     * @param seed  seeds the latents (and the noise of ancestral steps)
     * @param steps 1 to {@link #MAX_STEPS}
     */
    public BufferedImage picture(String prompt, long seed, int steps) {
        if (steps < 1 || steps > MAX_STEPS) {
            throw new IllegalArgumentException("SD-Turbo takes 1 to " + MAX_STEPS + " steps, not " + steps);
        }
        OrtEnvironment env = OrtRuntime.environment();
        try (OnnxTensor hidden = encode(env, prompt)) {
            float[] latents = denoise(env, hidden, seed, steps);
            return decode(env, latents);
        } catch (OrtException e) {
            throw new RenderException("the SD-Turbo pipeline failed on \"" + prompt + "\": " + e.getMessage(), e);
        }
    }

    private OnnxTensor encode(OrtEnvironment env, String prompt) throws OrtException {
        int[] ids = tokenizer.encode(prompt);
        long[] shape = {1, ids.length};
        OnnxTensor input;
        if (idsAreLongs) {
            long[] longs = new long[ids.length];
            for (int i = 0; i < ids.length; i++) {
                longs[i] = ids[i];
            }
            input = OnnxTensor.createTensor(env, LongBuffer.wrap(longs), shape);
        } else {
            input = OnnxTensor.createTensor(env, IntBuffer.wrap(ids), shape);
        }
        try (input; OrtSession.Result result = textEncoder.session().run(Map.of("input_ids", input), java.util.Set.of("last_hidden_state"))) {
            OnnxTensor out = (OnnxTensor) result.get("last_hidden_state").orElseThrow();
            long[] outShape = out.getInfo().getShape();
            return OnnxTensor.createTensor(env, out.getFloatBuffer(), outShape);
        }
    }

    private float[] denoise(OrtEnvironment env, OnnxTensor hidden, long seed, int steps) throws OrtException {
        Random random = new Random(seed);
        double[] sigmas = scheduler.sigmas(steps);
        double[] timesteps = scheduler.timesteps(steps);
        float[] latents = new float[4 * latentHeight * latentWidth];
        double start = scheduler.initNoiseSigma(steps);
        for (int i = 0; i < latents.length; i++) {
            latents[i] = (float) (random.nextGaussian() * start);
        }
        long[] shape = {1, 4, latentHeight, latentWidth};
        float[] scaled = new float[latents.length];
        float[] predicted = new float[latents.length];
        for (int step = 0; step < steps; step++) {
            float scale = (float) EulerScheduler.inputScale(sigmas[step]);
            for (int i = 0; i < latents.length; i++) {
                scaled[i] = latents[i] * scale;
            }
            try (OnnxTensor sample = OnnxTensor.createTensor(env, FloatBuffer.wrap(scaled), shape);
                 OnnxTensor timestep = timestepIsLong
                         ? OnnxTensor.createTensor(env, LongBuffer.wrap(new long[] {Math.round(timesteps[step])}), new long[] {1})
                         : OnnxTensor.createTensor(env, FloatBuffer.wrap(new float[] {(float) timesteps[step]}), new long[] {1});
                 OrtSession.Result result = unet.session().run(
                         Map.of("sample", sample, "timestep", timestep, "encoder_hidden_states", hidden), java.util.Set.of("out_sample"))) {
                FloatBuffer out = ((OnnxTensor) result.get("out_sample").orElseThrow()).getFloatBuffer();
                if (out.remaining() != predicted.length) {
                    throw new RenderException("the UNet's output \"out_sample\" holds " + out.remaining() + " values; expected "
                            + TensorSpec.shapeText(shape) + " like its input \"sample\"");
                }
                out.get(predicted);
            }
            scheduler.step(latents, predicted, sigmas[step], sigmas[step + 1], random);
        }
        return latents;
    }

    private BufferedImage decode(OrtEnvironment env, float[] latents) throws OrtException {
        float[] unscaled = new float[latents.length];
        for (int i = 0; i < latents.length; i++) {
            unscaled[i] = (float) (latents[i] / vaeScale);
        }
        try (OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(unscaled), new long[] {1, 4, latentHeight, latentWidth});
             OrtSession.Result result = vaeDecoder.session().run(Map.of("latent_sample", input), java.util.Set.of("sample"))) {
            OnnxTensor out = (OnnxTensor) result.get("sample").orElseThrow();
            long[] shape = out.getInfo().getShape();
            if (shape.length != 4 || shape[0] != 1 || shape[1] != 3) {
                throw new RenderException("the VAE decoder's output \"sample\" has shape " + TensorSpec.shapeText(shape)
                        + "; expected [1, 3, height, width]");
            }
            return picture(out.getFloatBuffer(), (int) shape[2], (int) shape[3]);
        }
    }

    /** The decoder's planes (about -1..1) as an RGB picture: {@code round(clamp(x / 2 + 0.5) * 255)}, as diffusers does. */
    static BufferedImage picture(FloatBuffer planes, int height, int width) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        int plane = height * width;
        for (int i = 0; i < plane; i++) {
            int rgb = 0;
            for (int c = 0; c < 3; c++) {
                float x = planes.get(c * plane + i);
                if (Float.isNaN(x)) {
                    throw new RenderException("the VAE decoder gave NaN at pixel " + i % width + "," + i / width
                            + " (channel " + c + "); the export or its weights are damaged");
                }
                float unit = Math.max(0f, Math.min(1f, x / 2 + 0.5f));
                rgb = rgb << 8 | Math.round(unit * 255);
            }
            pixels[i] = rgb;
        }
        return image;
    }

    private static OrtRuntime.Session open(java.nio.file.Path file, ModelSignature signature, List<OrtRuntime.Session> opened) {
        OrtRuntime.Session session = signature.open(file);
        opened.add(session);
        return session;
    }

    private static OnnxJavaType type(OrtRuntime.Session session, String name, boolean input) {
        return ModelSignature.tensor(session, name, input).type;
    }

    private static long[] shape(OrtRuntime.Session session, String name, boolean input) {
        return ModelSignature.tensor(session, name, input).getShape();
    }

    @Override
    public void close() {
        try {
            vaeDecoder.close();
        } finally {
            try {
                unet.close();
            } finally {
                textEncoder.close();
            }
        }
    }
}
