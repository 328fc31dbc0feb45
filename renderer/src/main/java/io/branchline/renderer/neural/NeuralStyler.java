package io.branchline.renderer.neural;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.branchline.renderer.RenderException;
import io.branchline.renderer.RenderFormat;
import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The default {@link FrameStyler}: two small networks conditioned on the style prompt's
 * embedding (see {@link StyleNetwork}) restyle a frame's colours and texture.
 *
 * <p>Running a network on every pixel of every frame would cost more than making the frame, so
 * the colour network runs once per shot on a 33×33×33 lattice of colours, which becomes a 3-D
 * look-up table applied by tetrahedral interpolation; the texture network runs every
 * {@value #KEY_FRAMES} frames on a grid eight times coarser than the frame for a moving wash of
 * light, blended between key frames and spread bilinearly, and once per style and frame size at
 * full resolution for a still grain. The grain belongs to the style prompt alone (not the seed),
 * so the shots of a story, which share its style, share one grain, kept in a small cache.
 */
public final class NeuralStyler implements FrameStyler {

    /** Lattice points per colour axis. */
    static final int LATTICE = 33;
    /** Pixels between points of the wash's grid. */
    static final int WASH_CELL = 8;
    /** Frames between evaluations of the wash. */
    static final int KEY_FRAMES = 8;
    private static final int AMOUNTS = 7;
    private static final int GRAINS_KEPT = 6;
    private static final long PROJECTION_SEED = 0x5E7F11E5L;
    private static final String VERSION = "style-1";

    private final TextEncoder encoder;
    private final StyleNetwork network = new StyleNetwork();
    private final EmbeddingProjection projection;
    private final PromptAnchors anchors;
    private final PromptAnchors grades;
    private final OrtRuntime.Session colourSession;
    private final OrtRuntime.Session textureSession;
    private final OnnxTensor lattice;
    private final String modelHash;
    private final Map<GrainKey, short[]> grains = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<GrainKey, short[]> eldest) {
            return size() > GRAINS_KEPT;
        }
    };

    private record GrainKey(String stylePrompt, int width, int height) {
    }

    /** A styler that embeds style prompts with {@code encoder} (not closed by this styler). */
    public NeuralStyler(TextEncoder encoder) {
        this.encoder = encoder;
        this.anchors = PromptAnchors.colours(encoder);
        this.grades = PromptAnchors.grades(encoder);
        this.projection = new EmbeddingProjection(
                network.colourLayout.size() + network.textureLayout.size() + AMOUNTS,
                encoder.dimensions() + grades.size(), PROJECTION_SEED, CppnFrameGenerator.SEED_NUDGE);
        this.colourSession = OrtRuntime.open(network.colourModel, "the style colour network");
        this.textureSession = OrtRuntime.open(network.textureModel, "the style texture network");
        this.lattice = tensor(latticeColours(), LATTICE * LATTICE * LATTICE, 3);
        byte[] models = new byte[network.colourModel.length + network.textureModel.length];
        System.arraycopy(network.colourModel, 0, models, 0, network.colourModel.length);
        System.arraycopy(network.textureModel, 0, models, network.colourModel.length, network.textureModel.length);
        this.modelHash = CppnFrameGenerator.hash(VERSION, PROJECTION_SEED, models, encoder.modelHash(),
                colourSession.device());
    }

    @Override
    public ShotStyle prepare(String stylePrompt, long seed, RenderFormat format) {
        float[] embedding = encoder.embed(stylePrompt);
        float[] features = grades.features(embedding, CppnFrameGenerator.THEME_SHARE);
        double[] raw = projection.project(features, seed);
        int colourSize = network.colourLayout.size();
        int textureSize = network.textureLayout.size();
        double[] colourRaw = Arrays.copyOfRange(raw, 0, colourSize);
        double[] textureRaw = Arrays.copyOfRange(raw, colourSize, colourSize + textureSize);
        double[] amounts = Arrays.copyOfRange(raw, colourSize + textureSize, raw.length);
        float[] base = anchors.blend(embedding);
        float[] grade = grades.blend(embedding);
        float saturation = (float) (grade[0] * Math.exp(0.1 * amounts[5]));
        float contrast = (float) (grade[1] * Math.exp(0.05 * amounts[6]));
        float warmth = grade[2];
        float[] tint = new float[3];
        for (int c = 0; c < 3; c++) {
            tint[c] = 0.08f * (base[c] - 0.5f) + 0.06f * warmth * (1 - c);
        }
        long[] lut = lookUpTable(colourRaw, saturation, contrast, tint);
        return new StyledShot(lut, network.textureLayout.tensors(textureRaw), amounts, format.fps(),
                (width, height) -> grain(stylePrompt, features, width, height));
    }

    @Override
    public String modelHash() {
        return modelHash;
    }

    @Override
    public void close() {
        lattice.close();
        colourSession.close();
        textureSession.close();
    }

    /** The colour network over the lattice, packed for {@link StyledShot#apply}: 12-bit channels in 20-bit fields. */
    private long[] lookUpTable(double[] colourRaw, float saturation, float contrast, float[] tint) {
        Map<String, OnnxTensor> inputs = network.colourLayout.tensors(colourRaw);
        try {
            inputs.put(StyleNetwork.TINT, tensor(FieldGrid.directFloats(3).put(tint).flip(), 1, 3));
            inputs.put(StyleNetwork.SATURATION, tensor(FieldGrid.directFloats(1).put(saturation).flip(), 1));
            inputs.put(StyleNetwork.CONTRAST, tensor(FieldGrid.directFloats(1).put(contrast).flip(), 1));
            Map<String, OnnxTensor> feed = new HashMap<>(inputs);
            feed.put(StyleNetwork.RGB, lattice);
            try (OrtSession.Result result = colourSession.session().run(feed)) {
                FloatBuffer styled = ((OnnxTensor) result.get(0)).getFloatBuffer();
                long[] lut = new long[LATTICE * LATTICE * LATTICE];
                for (int i = 0; i < lut.length; i++) {
                    long r = Math.round(styled.get() * 16);
                    long g = Math.round(styled.get() * 16);
                    long b = Math.round(styled.get() * 16);
                    lut[i] = r | g << 20 | b << 40;
                }
                return lut;
            }
        } catch (OrtException e) {
            throw new RenderException("the style colour network failed: " + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    private static FloatBuffer latticeColours() {
        FloatBuffer colours = FieldGrid.directFloats(LATTICE * LATTICE * LATTICE * 3);
        for (int r = 0; r < LATTICE; r++) {
            for (int g = 0; g < LATTICE; g++) {
                for (int b = 0; b < LATTICE; b++) {
                    colours.put(r / (LATTICE - 1f)).put(g / (LATTICE - 1f)).put(b / (LATTICE - 1f));
                }
            }
        }
        return colours.flip();
    }

    static OnnxTensor tensor(FloatBuffer values, long... shape) {
        try {
            return OnnxTensor.createTensor(OrtRuntime.environment(), values, shape);
        } catch (OrtException e) {
            throw new RenderException("could not make a tensor: " + e.getMessage(), e);
        }
    }

    /** The texture network's two outputs over {@code grid} at {@code zoom} and time {@code t}. */
    float[] texture(Map<String, OnnxTensor> weights, OnnxTensor coordinates, int points, float zoom, float t) {
        Map<String, OnnxTensor> feed = new HashMap<>(weights);
        try (OnnxTensor zoomTensor = tensor(FloatBuffer.wrap(new float[] {zoom}), 1);
                OnnxTensor time = tensor(FloatBuffer.wrap(new float[] {t}), 1)) {
            feed.put(StyleNetwork.COORDINATES, coordinates);
            feed.put(StyleNetwork.ZOOM, zoomTensor);
            feed.put(StyleNetwork.TIME, time);
            try (OrtSession.Result result = textureSession.session().run(feed)) {
                float[] out = new float[points * 2];
                ((OnnxTensor) result.get(0)).getFloatBuffer().get(out);
                return out;
            }
        } catch (OrtException e) {
            throw new RenderException("the style texture network failed: " + e.getMessage(), e);
        }
    }

    /**
     * The style's still grain for a frame size, in 1/16 levels a pixel: the texture network
     * at a fine zoom, with the weights of seed 0. Its radius input is held at 0: at this zoom,
     * rings around the centre would read as a moiré rather than a surface.
     */
    private short[] grain(String stylePrompt, float[] features, int width, int height) {
        GrainKey key = new GrainKey(stylePrompt, width, height);
        synchronized (grains) {
            short[] kept = grains.get(key);
            if (kept != null) {
                return kept;
            }
        }
        double[] raw = projection.project(features, 0);
        int colourSize = network.colourLayout.size();
        int textureSize = network.textureLayout.size();
        double[] textureRaw = Arrays.copyOfRange(raw, colourSize, colourSize + textureSize);
        double amount = squash(raw[colourSize + textureSize + 3], 1, 4.5) * 16;
        float zoom = (float) squash(raw[colourSize + textureSize + 4], 50, 130);
        FieldGrid full = new FieldGrid(width, height, 1);
        FloatBuffer coordinates = full.coordinates();
        for (int i = 2; i < coordinates.limit(); i += 3) {
            coordinates.put(i, 0f);
        }
        Map<String, OnnxTensor> weights = network.textureLayout.tensors(textureRaw);
        short[] grain = new short[full.points()];
        try (OnnxTensor xyr = tensor(coordinates, full.points(), 3)) {
            float[] out = texture(weights, xyr, full.points(), zoom, 0f);
            for (int i = 0; i < grain.length; i++) {
                grain[i] = (short) Math.round(amount * out[i * 2]);
            }
        } finally {
            weights.values().forEach(OnnxTensor::close);
        }
        synchronized (grains) {
            grains.putIfAbsent(key, grain);
            return grains.get(key);
        }
    }

    /** Makes (or finds) the grain for a frame size. */
    @FunctionalInterface
    private interface GrainSource {
        short[] grain(int width, int height);
    }

    /** One shot's style: its table, its texture weights, and the fields made from them so far. */
    private final class StyledShot implements ShotStyle {

        private final StyleKernel kernel;
        private final Map<String, OnnxTensor> textureWeights;
        private final int fps;
        private final float washGain;
        private final float washOffset;
        private final float vignette;
        private final GrainSource grainSource;
        private final TextureFields fields = new TextureFields();
        private boolean closed;

        StyledShot(long[] lut, Map<String, OnnxTensor> textureWeights, double[] amounts, int fps, GrainSource grainSource) {
            this.kernel = new StyleKernel(lut);
            this.textureWeights = textureWeights;
            this.fps = fps;
            this.washGain = (float) squash(amounts[0], 0.05, 0.2);
            this.washOffset = (float) squash(amounts[1], 2, 14) * 16;
            this.vignette = (float) squash(amounts[2], 0.0, 0.12);
            this.grainSource = grainSource;
        }

        @Override
        public void apply(int frame, BufferedImage image) {
            if (closed) {
                throw new IllegalStateException("the shot's style is closed");
            }
            int width = image.getWidth();
            int height = image.getHeight();
            fields.fit(width, height);
            int[] wash = fields.wash(frame);
            int[] pixels = Pixels.backing(image);
            boolean direct = pixels != null;
            if (!direct) {
                pixels = Pixels.read(image, fields.scratch);
            }
            kernel.apply(pixels, width, height, fields.grid, wash, fields.grain);
            if (!direct) {
                Pixels.write(image, pixels);
            }
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                textureWeights.values().forEach(OnnxTensor::close);
                if (fields.coordinates != null) {
                    fields.coordinates.close();
                }
            }
        }

        /** The texture fields for one frame size. */
        private final class TextureFields {
            FieldGrid grid;
            float[] radius;
            short[] grain;
            int[] scratch;
            OnnxTensor coordinates;
            int keyA = -1;
            int keyB = -1;
            float[] fieldA;
            float[] fieldB;
            int[] blended;

            void fit(int width, int height) {
                if (grid != null && grid.width == width && grid.height == height) {
                    return;
                }
                if (coordinates != null) {
                    coordinates.close();
                }
                grid = new FieldGrid(width, height, WASH_CELL);
                FloatBuffer xyr = grid.coordinates();
                radius = new float[grid.points()];
                for (int i = 0; i < radius.length; i++) {
                    radius[i] = xyr.get(i * 3 + 2);
                }
                coordinates = tensor(xyr, grid.points(), 3);
                grain = grainSource.grain(width, height);
                scratch = new int[width * height];
                keyA = keyB = -1;
                blended = new int[grid.points() * 2];
            }

            /** Per wash grid point: gain (1.0 = 256) and offset (1/16 levels), blended for this frame. */
            int[] wash(int frame) {
                int key = frame / KEY_FRAMES;
                if (key != keyA) {
                    fieldA = key == keyB ? fieldB : washAt(key);
                    fieldB = washAt(key + 1);
                    keyA = key;
                    keyB = key + 1;
                }
                float w = (frame % KEY_FRAMES) / (float) KEY_FRAMES;
                for (int i = 0; i < blended.length; i++) {
                    blended[i] = Math.round(fieldA[i] + (fieldB[i] - fieldA[i]) * w);
                }
                return blended;
            }

            private float[] washAt(int key) {
                float[] out = texture(textureWeights, coordinates, grid.points(), 1f, key * KEY_FRAMES / (float) fps);
                for (int i = 0; i < grid.points(); i++) {
                    float r = radius[i];
                    out[i * 2] = 256f * (1 + washGain * out[i * 2] - vignette * r * r * 0.5f);
                    out[i * 2 + 1] = washOffset * out[i * 2 + 1];
                }
                return out;
            }
        }
    }

    private static double squash(double raw, double low, double high) {
        return low + (high - low) / (1 + Math.exp(-raw));
    }
}
