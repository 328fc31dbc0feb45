package io.branchline.renderer.models;

import io.branchline.renderer.RenderFormat;
import io.branchline.renderer.ShotPainter;
import io.branchline.renderer.neural.onnx.OnnxGraph.Type;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Times the SD-Turbo pipeline's own work on CPU with synthetic exports built here: the real tensor
 * names, shapes and sizes at the edges (77 tokens, 1024 features a token as SD-Turbo's OpenCLIP
 * encoder gives, 4 latent channels, 8× decoding) but small networks inside, so the figures are the
 * pipeline's overhead plus small convolutions, not SD-Turbo's cost. Not a test: run it by hand,
 * from the repository root:
 * <pre>
 * mvn -B -q -pl renderer -am test-compile
 * mvn -B -q -pl renderer dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -cp renderer/target/test-classes:renderer/target/classes:story-dsl/target/classes:$(cat /tmp/cp.txt) \
 *     io.branchline.renderer.models.SdTurboBenchmark
 * </pre>
 */
public final class SdTurboBenchmark {

    static final String[] PROMPTS = {"a lighthouse on a cliff in a storm at night", "fog over a harbour at dawn",
        "a red kite over green hills", "a neon city street in the rain", "a calm blue lake under snowy mountains"};
    static final int RUNS = 9;

    public static void main(String[] args) throws Exception {
        TinySdTurbo.Shape shape = new TinySdTurbo.Shape(1024, Type.INT64, Type.INT64, 32, 2, 16);
        // With an argument, only write the synthetic export there (to time its networks elsewhere, say with ONNX Runtime's CUDA provider).
        Path dir = TinySdTurbo.write(args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("sdturbo-bench"), shape, 1);
        if (args.length > 0) {
            return;
        }
        System.out.printf(Locale.ROOT, "synthetic export: hidden 1024, UNet 4→32 (+2×32→32) 3×3 convs, VAE 8× + 4→16 3×3 + 16→3 1×1%n");
        ClipTokenizer tokenizer = ClipTokenizer.read(dir.resolve("tokenizer"));
        for (int i = 0; i < 2000; i++) {
            tokenizer.encode(PROMPTS[i % PROMPTS.length] + i);
        }
        long t0 = System.nanoTime();
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            tokenizer.encode(PROMPTS[i % PROMPTS.length] + " " + i);
        }
        System.out.printf(Locale.ROOT, "tokenize a prompt: %.1f µs%n", (System.nanoTime() - t0) / 1e3 / n);
        for (int side : new int[] {256, 512}) {
            try (SdTurboPipeline pipeline = SdTurboPipeline.open(new SdTurboExport(dir), side)) {
                for (int i = 0; i < 3; i++) {
                    pipeline.picture("warm up", i, 1);
                    pipeline.picture("warm up", i, 4);
                }
                // Alternated, so a busy spell of the machine falls on both.
                double[] one = new double[RUNS];
                double[] four = new double[RUNS];
                for (int i = 0; i < RUNS; i++) {
                    one[i] = time(pipeline, 1, i);
                    four[i] = time(pipeline, 4, i);
                }
                Arrays.sort(one);
                Arrays.sort(four);
                // From the fastest runs: on a shared machine the slow ones measure the neighbours.
                double perStep = (four[0] - one[0]) / 3;
                System.out.printf(Locale.ROOT, "%dx%d: keyframe 1 step min %.1f ms, p50 %.1f ms; 4 steps min %.1f ms, p50 %.1f ms; one more step (min) %.1f ms%n",
                        side, side, one[0], median(one), four[0], median(four), perStep);
            }
        }
        try (SdTurboGenerator generator = new SdTurboGenerator(SdTurboPipeline.open(new SdTurboExport(dir), 512), 1)) {
            for (RenderFormat format : new RenderFormat[] {new RenderFormat(480, 854, 30, 2000), new RenderFormat(720, 1280, 30, 2000)}) {
                BufferedImage frame = new BufferedImage(format.width(), format.height(), BufferedImage.TYPE_INT_RGB);
                generator.keyframe(PROMPTS[0], 1);
                long p0 = System.nanoTime();
                try (ShotPainter shot = generator.prepare(PROMPTS[0], 1, format, 10_000)) {
                    double prepare = (System.nanoTime() - p0) / 1e6;
                    long f0 = System.nanoTime();
                    for (int f = 0; f < 300; f++) {
                        shot.paint(f, frame);
                    }
                    System.out.printf(Locale.ROOT, "%dx%d: prepare a shot from a remembered keyframe %.1f ms; Ken Burns frame %.2f ms%n",
                            format.width(), format.height(), prepare, (System.nanoTime() - f0) / 1e6 / 300);
                }
            }
        }
        cppn();
    }

    /** The built-in generator at the same sizes, for comparison: a shot's preparation and a frame. */
    static void cppn() {
        try (io.branchline.renderer.neural.NeuralModels models = io.branchline.renderer.neural.NeuralModels.cppn()) {
            for (RenderFormat format : new RenderFormat[] {new RenderFormat(480, 854, 30, 2000), new RenderFormat(720, 1280, 30, 2000)}) {
                BufferedImage frame = new BufferedImage(format.width(), format.height(), BufferedImage.TYPE_INT_RGB);
                try (ShotPainter warm = models.generator().prepare(PROMPTS[1], 1, format, 10_000)) {
                    for (int f = 0; f < 30; f++) {
                        warm.paint(f, frame);
                    }
                }
                long p0 = System.nanoTime();
                try (ShotPainter shot = models.generator().prepare(PROMPTS[0], 1, format, 10_000)) {
                    double prepare = (System.nanoTime() - p0) / 1e6;
                    long f0 = System.nanoTime();
                    for (int f = 0; f < 150; f++) {
                        shot.paint(f, frame);
                    }
                    System.out.printf(Locale.ROOT, "built-in CPPN %dx%d: prepare a shot %.1f ms; frame %.2f ms%n",
                            format.width(), format.height(), prepare, (System.nanoTime() - f0) / 1e6 / 150);
                }
            }
        }
    }

    static double time(SdTurboPipeline pipeline, int steps, int run) {
        long t0 = System.nanoTime();
        pipeline.picture(PROMPTS[run % PROMPTS.length], run, steps);
        return (System.nanoTime() - t0) / 1e6;
    }

    static double median(double[] sorted) {
        return sorted[sorted.length / 2];
    }
}
