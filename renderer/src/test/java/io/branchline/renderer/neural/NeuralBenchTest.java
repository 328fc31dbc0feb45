package io.branchline.renderer.neural;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.renderer.RenderFormat;
import io.branchline.renderer.ShotPainter;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Speed of the neural generator and styler, and of a whole render (generate, style, encode
 * with x264 ultrafast), at the two sizes the engine renders. Off unless asked for:
 * <pre>
 * mvn -B -q -pl renderer -am test -Dtest=NeuralBenchTest -Dsurefire.failIfNoSpecifiedTests=false -Dbranchline.bench=true
 * </pre>
 * The figures go to {@code renderer/target/neural-bench.txt}. It fails when a render does not
 * reach the targets: twice real time at 480x854, real time at 720x1280 (30 fps). A second
 * test measures how much closer the pictures of related prompts are than those of unrelated
 * ones ({@code renderer/target/neural-related.txt}).
 */
@EnabledIfSystemProperty(named = "branchline.bench", matches = "true")
class NeuralBenchTest {

    private static final int WARM_UP = 60;
    private static final int FRAMES = 300;
    private static final String PROMPT = "a rainy neon alley at night, cinematic";
    private static final String STYLE = "warm watercolour painting";

    @Test
    void rendersFastEnough() throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add(String.format("%d cores, %s; ONNX Runtime on one intra-op thread; %d frames after %d to warm up",
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.arch"), FRAMES, WARM_UP));
        try (NeuralModels models = NeuralModels.open("cppn")) {
            double small = measure(models, new RenderFormat(480, 854, 30, 2000), lines);
            double large = measure(models, new RenderFormat(720, 1280, 30, 2000), lines);
            Files.write(Path.of("target", "neural-bench.txt"), lines);
            lines.forEach(System.out::println);
            assertTrue(small >= 2, "480x854 renders at " + small + "x real time");
            assertTrue(large >= 1, "720x1280 renders at " + large + "x real time");
        }
    }

    private static final String[][] RELATED = {
        {"a rainy neon alley at night", "a wet street with neon lights at night"},
        {"a dark pine forest in winter", "snowy woods at dusk"},
        {"a sunny beach with palm trees", "a tropical island with white sand"},
        {"a red dragon breathing fire", "a burning castle in flames"},
        {"calm blue ocean waves", "the sea at dawn, gentle waves"},
        {"a spaceship among the stars", "a nebula in deep space"},
        {"a cosy kitchen with warm light", "a warm living room with a fireplace"},
        {"a detective in a smoky office", "a private eye at his desk, cigarette smoke"},
    };

    /**
     * For each pair of related prompts: the mean absolute difference (levels) between their
     * pictures (frames 0, 45 and 90 at 144x256, seed 1), against the first prompt's difference
     * to the first prompt of every other pair.
     */
    @Test
    void relatedPromptsLookRelated() throws IOException {
        RenderFormat format = new RenderFormat(144, 256, 30, 2000);
        List<String> lines = new ArrayList<>();
        try (NeuralModels models = NeuralModels.open("cppn")) {
            int n = RELATED.length;
            int[][][] pictures = new int[n][2][];
            float[][][] embeddings = new float[n][2][];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < 2; j++) {
                    pictures[i][j] = pictures(models.generator(), RELATED[i][j], format);
                    embeddings[i][j] = models.encoder().embed(RELATED[i][j]);
                }
            }
            double related = 0;
            double unrelated = 0;
            int nearer = 0;
            for (int i = 0; i < n; i++) {
                double pair = Frames.difference(pictures[i][0], pictures[i][1]);
                double nearestOther = Double.MAX_VALUE;
                double others = 0;
                for (int k = 0; k < n; k++) {
                    if (k != i) {
                        double d = Frames.difference(pictures[i][0], pictures[k][0]);
                        nearestOther = Math.min(nearestOther, d);
                        others += d / (n - 1);
                    }
                }
                related += pair / n;
                unrelated += others / n;
                nearer += pair < nearestOther ? 1 : 0;
                lines.add(String.format("%-32s ~ %-42s cos %.2f  difference %5.1f; to unrelated: mean %5.1f, least %5.1f",
                        RELATED[i][0], RELATED[i][1], MiniLmTextEncoderTest.dot(embeddings[i][0], embeddings[i][1]),
                        pair, others, nearestOther));
            }
            lines.add(String.format("mean difference: related %.1f, unrelated %.1f; related pair nearer than every unrelated prompt: %d of %d",
                    related, unrelated, nearer, n));
            Files.write(Path.of("target", "neural-related.txt"), lines);
            lines.forEach(System.out::println);
            assertTrue(related < unrelated * 0.75, "related " + related + ", unrelated " + unrelated);
        }
    }

    private static int[] pictures(FrameGenerator generator, String prompt, RenderFormat format) {
        int size = format.width() * format.height();
        int[] all = new int[size * 3];
        try (ShotPainter painter = generator.prepare(prompt, 1, format, 4000)) {
            BufferedImage frame = new BufferedImage(format.width(), format.height(), BufferedImage.TYPE_INT_RGB);
            for (int i = 0; i < 3; i++) {
                painter.paint(i * 45, frame);
                frame.getRGB(0, 0, format.width(), format.height(), all, i * size, format.width());
            }
        }
        return all;
    }

    /** Prints the figures for one size and returns the whole render's speed as a multiple of real time. */
    private static double measure(NeuralModels models, RenderFormat format, List<String> lines) throws IOException {
        BufferedImage frame = new BufferedImage(format.width(), format.height(), BufferedImage.TYPE_INT_RGB);
        long t0 = System.nanoTime();
        ShotPainter painter = models.generator().prepare(PROMPT, 1, format, 20_000);
        long t1 = System.nanoTime();
        FrameStyler.ShotStyle style = models.styler().prepare(STYLE, 1, format);
        long t2 = System.nanoTime();
        style.apply(0, frame);
        long t3 = System.nanoTime();
        try (FrameStyler.ShotStyle next = models.styler().prepare(STYLE, 2, format)) {
            next.apply(0, frame);
        }
        long t4 = System.nanoTime();
        try (painter; style) {
            for (int f = 0; f < WARM_UP; f++) {
                painter.paint(f, frame);
                style.apply(f, frame);
            }
            long generate = 0;
            long apply = 0;
            for (int f = WARM_UP; f < WARM_UP + FRAMES; f++) {
                long a = System.nanoTime();
                painter.paint(f, frame);
                long b = System.nanoTime();
                style.apply(f, frame);
                generate += b - a;
                apply += System.nanoTime() - b;
            }
            Path video = Files.createTempFile("neural-bench", ".mp4");
            long render;
            try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(video.toFile(), format.width(), format.height(), 0);
                    Java2DFrameConverter converter = new Java2DFrameConverter()) {
                recorder.setFormat("mp4");
                recorder.setVideoCodec(avcodec.AV_CODEC_ID_H264);
                recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
                recorder.setFrameRate(format.fps());
                recorder.setGopSize(format.framesPerSegment());
                recorder.setVideoOption("preset", "ultrafast");
                recorder.setVideoOption("bf", "0");
                recorder.start();
                long a = System.nanoTime();
                for (int f = 0; f < FRAMES; f++) {
                    painter.paint(f, frame);
                    style.apply(f, frame);
                    recorder.record(converter.convert(frame));
                }
                recorder.stop();
                render = System.nanoTime() - a;
            } finally {
                Files.deleteIfExists(video);
            }
            double renderMs = render / 1e6 / FRAMES;
            double realTime = (1000.0 / format.fps()) / renderMs;
            lines.add(String.format("%s: generate %.2f ms/frame, style %.2f ms/frame; generate + style + x264 ultrafast"
                    + " %.2f ms/frame = %.1fx real time%n  per shot: generator prepare %.0f ms; styler prepare + first frame"
                    + " %.0f ms for a style's first shot (its grain), %.0f ms for the next shot of that style",
                    format, generate / 1e6 / FRAMES, apply / 1e6 / FRAMES, renderMs, realTime,
                    (t1 - t0) / 1e6, (t3 - t1) / 1e6, (t4 - t3) / 1e6));
            return realTime;
        } catch (FFmpegFrameRecorder.Exception e) {
            throw new IOException("x264 could not encode: " + e.getMessage(), e);
        }
    }
}
