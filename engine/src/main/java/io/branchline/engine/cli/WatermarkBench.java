package io.branchline.engine.cli;

import io.branchline.engine.render.VisitRequests;
import io.branchline.engine.stories.StoryFinder;
import io.branchline.renderer.ContentKey;
import io.branchline.renderer.RenderFormat;
import io.branchline.renderer.RenderTools;
import io.branchline.renderer.SceneRenderer;
import io.branchline.renderer.SceneRequest;
import io.branchline.renderer.ShotPainter;
import io.branchline.renderer.encode.EncodedSegment;
import io.branchline.renderer.encode.SceneEncoder;
import io.branchline.renderer.encode.SegmentSink;
import io.branchline.renderer.mark.MarkPayload;
import io.branchline.renderer.mark.MarkReading;
import io.branchline.renderer.mark.MarkedVideo;
import io.branchline.renderer.mark.Watermark;
import io.branchline.renderer.mark.WatermarkReader;
import io.branchline.story.CompileResult;
import io.branchline.story.StoryCompiler;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.Loader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code branchline bench watermark}: how often the invisible watermark survives a re-encode and
 * a downscale, what it costs in quality and in time.
 */
@Command(name = "watermark", mixinStandardHelpOptions = true,
        description = {"Generates 2 s segments (the default neural generator, a prompt and seed each), marks them with a payload each, encodes them as the renderer does, re-encodes them with ffmpeg (x264 at --crf, scaled by --scale) and reads the mark back.",
                "Prints the share of segments whose exact payload came back, the PSNR of marked against unmarked frames, the time to add the mark to a frame and to read it; the same segments unmarked, and the bundled stories' first visits unmarked, count false finds.",
                "Temporary files are deleted."})
final class WatermarkBench implements Callable<Integer> {

    private static final String[] PROMPTS = {
        "a lighthouse on a cliff in a storm at night", "fog over a harbour at dawn", "a red kite over green hills",
        "a neon city street in the rain", "a calm blue lake under snowy mountains", "a fire in a dark forest",
        "sunflowers under a blue sky", "an old tram in the snow", "a fortune teller's tent lit by candles",
        "waves breaking on black rocks", "a desert at noon with heat haze", "a jellyfish glowing in deep water"};

    @Option(names = "--segments", paramLabel = "SEGMENTS", defaultValue = "40", description = "segments per size (default ${DEFAULT-VALUE})")
    int segments;

    @Option(names = "--size", paramLabel = "SIZE", split = ",", defaultValue = "480x854,720x1280", description = "frame sizes (default ${DEFAULT-VALUE})")
    List<String> sizes;

    @Option(names = "--crf", paramLabel = "CRF", defaultValue = "28", description = "x264 CRF of the re-encode (default ${DEFAULT-VALUE})")
    int crf;

    @Option(names = "--scale", paramLabel = "SCALE", defaultValue = "0.5", description = "scale of the re-encoded copy (default ${DEFAULT-VALUE})")
    double scale;

    @Option(names = "--bundled", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "also read the bundled stories' first visits, rendered unmarked (default ${DEFAULT-VALUE})")
    boolean bundled;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Figures of one size. */
    private static final class Tally {
        int recovered;
        int wrong;
        int falseFinds;
        int unmarkedRead;
        double psnrSum;
        double psnrMin = Double.MAX_VALUE;
        int psnrFrames;
        final List<Double> embedMs = new ArrayList<>();
        final List<Double> readMs = new ArrayList<>();
        final List<Double> fileReadMs = new ArrayList<>();
        double prepareMs;
        final List<Double> strengths = new ArrayList<>();
    }

    @Override
    public Integer call() throws Exception {
        if (segments < 1 || scale <= 0 || scale > 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "expected --segments of at least 1 and a --scale above 0, at most 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        Path dir = Files.createTempDirectory("branchline-watermark-bench");
        try (RenderTools tools = Tools.create()) {
            out.printf(Locale.ROOT, "re-encode: x264 CRF %d (preset medium), scaled by %.2f; %d cores%n", crf, scale,
                    Runtime.getRuntime().availableProcessors());
            out.printf(Locale.ROOT, "%-9s %8s %10s %6s %11s %11s %13s %13s %12s %11s %12s%n", "size", "segments", "recovered", "wrong",
                    "false finds", "strength", "PSNR mean/min", "embed ms/fr", "(p95)", "read ms/fr", "decode+read");
            for (String size : sizes) {
                String[] wh = size.split("x");
                RenderFormat format = new RenderFormat(Integer.parseInt(wh[0]), Integer.parseInt(wh[1]), 30, 2000);
                Tally t = new Tally();
                for (int i = 0; i < segments; i++) {
                    segment(tools, format, i, dir, t);
                }
                // The first two segments warm the JIT up: their times are left out.
                List<Double> embed = t.embedMs.subList(Math.min(t.embedMs.size(), 120), t.embedMs.size());
                double[] sorted = embed.stream().mapToDouble(Double::doubleValue).sorted().toArray();
                double minStrength = t.strengths.stream().mapToDouble(Double::doubleValue).min().orElse(0);
                double meanStrength = t.strengths.stream().mapToDouble(Double::doubleValue).average().orElse(0);
                out.printf(Locale.ROOT, "%-9s %8d %9.1f%% %6d %5d of %-3d %5.2f/%-5.2f %6.2f/%-6.2f %13.3f %12.3f %11.3f %12.2f%n", size, segments,
                        100.0 * t.recovered / segments, t.wrong, t.falseFinds, t.unmarkedRead, meanStrength, minStrength,
                        t.psnrSum / t.psnrFrames, t.psnrMin, mean(embed), sorted.length == 0 ? 0 : sorted[(int) (sorted.length * 0.95)],
                        mean(t.readMs.subList(Math.min(t.readMs.size(), 2), t.readMs.size())), mean(t.fileReadMs));
                out.printf(Locale.ROOT, "          (working out the pattern once per visit: %.1f ms; strength: mean/min of the recovered segments)%n",
                        t.prepareMs / segments);
                out.flush();
            }
            if (bundled) {
                bundledStories(tools, dir, out);
            }
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
        return 0;
    }

    private void segment(RenderTools tools, RenderFormat format, int i, Path dir, Tally t) throws Exception {
        SplittableRandom random = new SplittableRandom(1000 + i);
        MarkPayload payload = new MarkPayload(random.nextInt(), random.nextInt());
        long p0 = System.nanoTime();
        Watermark mark = Watermark.of(payload, format.width(), format.height());
        t.prepareMs += (System.nanoTime() - p0) / 1e6;
        ByteArrayOutputStream markedBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream plainBytes = new ByteArrayOutputStream();
        BufferedImage canvas = new BufferedImage(format.width(), format.height(), BufferedImage.TYPE_INT_RGB);
        int[] pixels = ((DataBufferInt) canvas.getRaster().getDataBuffer()).getData();
        int frames = format.framesPerSegment();
        float[] silence = new float[frames * SceneEncoder.SAMPLE_RATE / format.fps() * SceneEncoder.CHANNELS];
        int samples = SceneEncoder.SAMPLE_RATE / format.fps() * SceneEncoder.CHANNELS;
        WatermarkReader inMemory = new WatermarkReader();
        double readNs = 0;
        try (ShotPainter painter = tools.generator().prepare(PROMPTS[i % PROMPTS.length], 1000 + i, format, 2000);
             SceneEncoder marked = new SceneEncoder(format, sink(markedBytes));
             SceneEncoder plain = new SceneEncoder(format, sink(plainBytes))) {
            byte[] luma = new byte[pixels.length];
            for (int f = 0; f < frames; f++) {
                painter.paint(f, canvas);
                plain.video(canvas, true);
                plain.audio(silence, f * samples, samples);
                int[] before = pixels.clone();
                long e0 = System.nanoTime();
                mark.apply(pixels);
                t.embedMs.add((System.nanoTime() - e0) / 1e6);
                double psnr = psnr(before, pixels);
                t.psnrSum += psnr;
                t.psnrMin = Math.min(t.psnrMin, psnr);
                t.psnrFrames++;
                marked.video(canvas, true);
                marked.audio(silence, f * samples, samples);
                for (int k = 0; k < pixels.length; k++) {
                    int p = pixels[k];
                    luma[k] = (byte) ((77 * ((p >> 16) & 0xFF) + 150 * ((p >> 8) & 0xFF) + 29 * (p & 0xFF) + 128) >> 8);
                }
                long r0 = System.nanoTime();
                inMemory.addLuma(luma, format.width(), format.height(), format.width());
                readNs += System.nanoTime() - r0;
            }
            long r0 = System.nanoTime();
            inMemory.read();
            readNs += System.nanoTime() - r0;
            marked.finish();
            plain.finish();
        }
        t.readMs.add(readNs / 1e6 / frames);
        Path markedCopy = reencode(dir, "marked", markedBytes.toByteArray());
        Path plainCopy = reencode(dir, "plain", plainBytes.toByteArray());
        long f0 = System.nanoTime();
        MarkedVideo.Result result = MarkedVideo.read(markedCopy);
        t.fileReadMs.add((System.nanoTime() - f0) / 1e6 / result.frames());
        // A 2 s segment is one stretch; any stretch that names another payload is a wrong reading.
        for (MarkReading r : result.windows()) {
            if (r.found() && !r.payload().get().equals(payload)) {
                t.wrong++;
            }
        }
        MarkReading first = result.windows().get(0);
        if (result.windows().size() == 1 && first.found() && first.payload().get().equals(payload)) {
            t.recovered++;
            t.strengths.add(first.strength());
        }
        MarkedVideo.Result none = MarkedVideo.read(plainCopy);
        t.unmarkedRead += none.windows().size();
        t.falseFinds += (int) none.windows().stream().filter(MarkReading::found).count();
    }

    /** Renders each bundled story's first visit unmarked, as a session serves it, and reads it as made and after the re-encode. */
    private void bundledStories(RenderTools tools, Path dir, PrintWriter out) throws Exception {
        int windows = 0;
        int found = 0;
        List<String> names = new ArrayList<>();
        for (Path main : StoryFinder.mainFiles(BundledStories.folder())) {
            CompileResult result = StoryCompiler.compile(main);
            if (!result.ok()) {
                continue;
            }
            SceneRequest request = VisitRequests.served(main.toAbsolutePath().getParent(), result.story(),
                    VisitRequests.first(result.story()).shots());
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            new SceneRenderer(tools).render(request, ContentKey.of(request, tools), sink(bytes));
            Path made = dir.resolve("story.mp4");
            Files.write(made, bytes.toByteArray());
            for (Path file : List.of(made, reencode(dir, "story", bytes.toByteArray()))) {
                MarkedVideo.Result r = MarkedVideo.read(file);
                windows += r.windows().size();
                found += (int) r.windows().stream().filter(MarkReading::found).count();
            }
            names.add(main.getFileName() + " (" + request.format() + ", " + request.frames() + " frames)");
        }
        out.printf(Locale.ROOT, "bundled stories, first visits unmarked, as rendered and re-encoded: %d false finds in %d stretches of 2 s%n  %s%n",
                found, windows, String.join(", ", names));
        out.flush();
    }

    private static SegmentSink sink(ByteArrayOutputStream bytes) {
        return new SegmentSink() {
            @Override
            public void init(byte[] b) {
                bytes.writeBytes(b);
            }

            @Override
            public void segment(EncodedSegment segment) {
                bytes.writeBytes(segment.bytes());
            }
        };
    }

    private Path reencode(Path dir, String name, byte[] bytes) throws IOException, InterruptedException {
        Path source = dir.resolve(name + ".mp4");
        Files.write(source, bytes);
        Path copy = dir.resolve(name + "-copy.mp4");
        String program = Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
        // Even sides: x264's 4:2:0 needs them (854 / 2 = 427 would be refused).
        String filter = String.format(Locale.ROOT, "scale=trunc(iw*%f/2)*2:trunc(ih*%f/2)*2", scale, scale);
        ProcessBuilder pb = new ProcessBuilder(program, "-y", "-v", "error", "-i", source.toString(), "-an", "-c:v", "libx264",
                "-crf", Integer.toString(crf), "-vf", filter, copy.toString()).redirectErrorStream(true);
        pb.environment().put("LD_LIBRARY_PATH", new File(program).getParent());
        Process p = pb.start();
        String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("ffmpeg failed: " + printed);
        }
        return copy;
    }

    private static double psnr(int[] a, int[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            int x = a[i];
            int y = b[i];
            for (int shift = 0; shift <= 16; shift += 8) {
                int d = ((x >> shift) & 0xFF) - ((y >> shift) & 0xFF);
                sum += d * d;
            }
        }
        return sum == 0 ? 99 : 10 * Math.log10(255.0 * 255.0 / (sum / (a.length * 3.0)));
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }
}
