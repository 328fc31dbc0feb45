package io.branchline.renderer.neural;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.branchline.renderer.RenderException;
import io.branchline.renderer.RenderFormat;
import io.branchline.renderer.ShotPainter;
import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * The default {@link FrameGenerator}: a neural field (a compositional pattern-producing network,
 * see {@link CppnNetwork}) whose weights are a fixed random projection of the prompt's sentence
 * embedding and of its affinity to a few anchor phrases, nudged by the seed; its base colour
 * is the blend of the anchors' colours ({@link PromptAnchors}). ONNX Runtime evaluates it for
 * every frame on a grid four times coarser than the frame; the frame is the grid's bilinear
 * upscale.
 *
 * <p>It is not a text-to-video model: it draws abstract, smoothly moving colour fields, and
 * prompts that mean similar things get similar weights, hence related pictures.
 */
public final class CppnFrameGenerator implements FrameGenerator {

    /** Pixels between grid points, across and down. */
    public static final int CELL = 4;
    /** Standard deviation of the seed's nudge to the raw weights (the prompt's part has 1). */
    static final float SEED_NUDGE = 0.08f;
    /** The weight of the anchors a prompt is near against its own wording (see {@link PromptAnchors#features}). */
    static final float THEME_SHARE = 0.75f;
    private static final long PROJECTION_SEED = 0xB7A9C4E1L;
    private static final String VERSION = "cppn-1";

    private final TextEncoder encoder;
    private final CppnNetwork network = new CppnNetwork();
    private final EmbeddingProjection projection;
    private final PromptAnchors anchors;
    private final OrtRuntime.Session session;
    private final String modelHash;

    /** A generator that embeds prompts with {@code encoder} (not closed by this generator). */
    public CppnFrameGenerator(TextEncoder encoder) {
        this.encoder = encoder;
        this.anchors = PromptAnchors.colours(encoder);
        this.projection = new EmbeddingProjection(network.layout.size(), encoder.dimensions() + anchors.size(),
                PROJECTION_SEED, SEED_NUDGE);
        this.session = OrtRuntime.open(network.model, "the CPPN frame generator");
        this.modelHash = hash(VERSION, PROJECTION_SEED, network.model, encoder.modelHash(), session.device());
    }

    @Override
    public ShotPainter prepare(String prompt, long seed, RenderFormat format, long durationMs) {
        float[] embedding = encoder.embed(prompt);
        Map<String, OnnxTensor> weights = network.layout.tensors(projection.project(anchors.features(embedding, THEME_SHARE), seed));
        try {
            float[] base = anchors.blend(embedding);
            weights.put(CppnNetwork.BASE_COLOUR, OnnxTensor.createTensor(OrtRuntime.environment(),
                    FieldGrid.directFloats(3).put(base).flip(), new long[] {1, 3}));
        } catch (OrtException e) {
            weights.values().forEach(OnnxTensor::close);
            throw new RenderException("could not hand the CPPN its palette: " + e.getMessage(), e);
        }
        return new Shot(weights, format.fps());
    }

    @Override
    public String modelHash() {
        return modelHash;
    }

    @Override
    public void close() {
        session.close();
    }

    static String hash(String version, long projectionSeed, byte[] model, String encoderHash, OrtRuntime.Device device) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((version + "/" + projectionSeed + "/" + encoderHash + "/" + device).getBytes(StandardCharsets.UTF_8));
            digest.update(model);
            return version + "-" + device.name().toLowerCase() + "-" + HexFormat.of().formatHex(digest.digest()).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** One shot: its weights live in native tensors until the shot is closed. */
    private final class Shot implements ShotPainter {

        private final Map<String, OnnxTensor> weights;
        private final int fps;
        private FieldGrid grid;
        private OnnxTensor coordinates;
        private OnnxTensor output;
        private FloatBuffer outputBuffer;
        private float[] field;
        private int[] levels;
        private int[] line;
        private int[] scratch;
        private boolean closed;

        Shot(Map<String, OnnxTensor> weights, int fps) {
            this.weights = weights;
            this.fps = fps;
        }

        @Override
        public void paint(int frame, BufferedImage target) {
            if (closed) {
                throw new IllegalStateException("the shot's painter is closed");
            }
            fit(target.getWidth(), target.getHeight());
            float[] t = {frame / (float) fps};
            try (OnnxTensor time = OnnxTensor.createTensor(OrtRuntime.environment(), FloatBuffer.wrap(t), new long[] {1})) {
                Map<String, OnnxTensor> inputs = new HashMap<>(weights);
                inputs.put(CppnNetwork.COORDINATES, coordinates);
                inputs.put(CppnNetwork.TIME, time);
                // The output is pinned to our buffer: the result does not own it, so closing the
                // result leaves the colours in place.
                session.session().run(inputs, Map.of(CppnNetwork.RGB, output)).close();
                outputBuffer.get(0, field);
            } catch (OrtException e) {
                throw new RenderException("the CPPN frame generator failed on frame " + frame + ": " + e.getMessage(), e);
            }
            int[] pixels = Pixels.backing(target);
            if (pixels == null) {
                upscale(scratch);
                Pixels.write(target, scratch);
            } else {
                upscale(pixels);
            }
        }

        /** Bilinear upscale of the grid's colours (0..255) into packed RGB pixels, in integers. */
        private void upscale(int[] pixels) {
            FieldGrid g = grid;
            int columns3 = g.columns * 3;
            for (int i = 0; i < field.length; i++) {
                levels[i] = (int) (field[i] * 16 + 0.5f);
            }
            int shift = Integer.numberOfTrailingZeros(g.cell) + 12;
            int half = 1 << (shift - 1);
            for (int y = 0; y < g.height; y++) {
                // Down: 1/16 levels times 256.
                int above = g.row[y] * columns3;
                int fy = g.rowWeight[y];
                for (int i = 0; i < columns3; i++) {
                    int v0 = levels[above + i];
                    line[i] = (v0 << 8) + (levels[above + columns3 + i] - v0) * fy;
                }
                // Across, a cell at a time, by fixed steps.
                int base = y * g.width;
                for (int c = 0, x = 0; x < g.width; c += 3) {
                    int r = (line[c] << (shift - 12)) + half;
                    int gr = (line[c + 1] << (shift - 12)) + half;
                    int b = (line[c + 2] << (shift - 12)) + half;
                    int dr = line[c + 3] - line[c];
                    int dg = line[c + 4] - line[c + 1];
                    int db = line[c + 5] - line[c + 2];
                    int end = Math.min(x + g.cell, g.width);
                    for (; x < end; x++, r += dr, gr += dg, b += db) {
                        pixels[base + x] = (r >> shift) << 16 | (gr >> shift) << 8 | (b >> shift);
                    }
                }
            }
        }

        private void fit(int width, int height) {
            if (grid != null && grid.width == width && grid.height == height) {
                return;
            }
            releaseGrid();
            grid = new FieldGrid(width, height, CELL);
            try {
                coordinates = OnnxTensor.createTensor(OrtRuntime.environment(), grid.coordinates(),
                        new long[] {grid.points(), 3});
                outputBuffer = FieldGrid.directFloats(grid.points() * 3);
                output = OnnxTensor.createTensor(OrtRuntime.environment(), outputBuffer, new long[] {grid.points(), 3});
            } catch (OrtException e) {
                throw new RenderException("could not set up the CPPN grid: " + e.getMessage(), e);
            }
            field = new float[grid.points() * 3];
            levels = new int[grid.points() * 3];
            line = new int[grid.columns * 3];
            scratch = new int[width * height];
        }

        private void releaseGrid() {
            if (coordinates != null) {
                coordinates.close();
                output.close();
                coordinates = null;
            }
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                releaseGrid();
                weights.values().forEach(OnnxTensor::close);
            }
        }
    }
}
