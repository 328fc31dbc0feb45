package io.branchline.engine.cli;

import io.branchline.renderer.ContentKey;
import io.branchline.renderer.RenderCancel;
import io.branchline.renderer.RenderFormat;
import io.branchline.renderer.RenderTier;
import io.branchline.renderer.RenderTools;
import io.branchline.renderer.RenderedScene;
import io.branchline.renderer.SceneRenderer;
import io.branchline.renderer.SceneRequest;
import io.branchline.renderer.StageTimes;
import io.branchline.renderer.encode.EncodedSegment;
import io.branchline.renderer.encode.SegmentSink;
import io.branchline.story.eval.ResolvedShot;
import io.branchline.story.model.Step;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code branchline bench render}: how fast each kind of shot renders and encodes, stage by stage. */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = {"Renders scenes of each kind of shot and prints real-time factors, time per stage and how soon the first segment is ready.",
                "With several tiers (--tier full,draft) their runs take turns, so a busy machine slows each alike.",
                "'vs full' is how many times cheaper a frame is than at the full tier (the median over pairs of runs).",
                "'cpu' is the process's processor time (all threads) per frame, which a busy machine barely moves.",
                "Segments are kept in memory; nothing is written to disk."})
final class RenderBench implements Callable<Integer> {

    @Option(names = "--size", paramLabel = "SIZE", split = ",", defaultValue = "480x854,720x1280", description = "frame sizes (default ${DEFAULT-VALUE})")
    List<String> sizes;

    @Option(names = "--kinds", paramLabel = "KINDS", split = ",", defaultValue = "color,title,generate,styled", description = "shot kinds: color, title, generate, styled, generate-styled (default ${DEFAULT-VALUE})")
    List<String> kinds;

    @Option(names = "--seconds", paramLabel = "SECONDS", defaultValue = "8", description = "length of each scene in seconds (default ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--tier", paramLabel = "TIER", split = ",", defaultValue = "full", description = "render tiers: full, draft (default ${DEFAULT-VALUE})")
    List<String> tierNames;

    @Option(names = "--runs", paramLabel = "RUNS", defaultValue = "3", description = "timed runs of each, after one warm-up run (default ${DEFAULT-VALUE})")
    int runs;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (seconds < 1 || runs < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "expected --seconds and --runs of at least 1");
        }
        List<RenderTier> tiers;
        try {
            tiers = tierNames.stream().map(RenderTier::parse).distinct().toList();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        try (RenderTools tools = Tools.create()) {
            SceneRenderer renderer = new SceneRenderer(tools);
            out.printf(Locale.ROOT, "%-10s %-9s %-6s %9s %9s %11s %8s %9s %8s   %s%n", "size", "kind", "tier", "x realtime", "ms/frame",
                    "1st segment", "vs full", "cpu ms/fr", "cpu vs", "ms/frame per stage: generate style compose encode");
            for (String size : sizes) {
                String[] wh = size.split("x");
                RenderFormat format = new RenderFormat(Integer.parseInt(wh[0]), Integer.parseInt(wh[1]), 30, 2000);
                for (String kind : kinds) {
                    SceneRequest request = new SceneRequest(Path.of("."), format, "AI-generated", List.of(shot(kind, seconds * 1000L)));
                    String visitKey = ContentKey.of(request, tools);
                    Map<RenderTier, Timings> timings = new EnumMap<>(RenderTier.class);
                    for (RenderTier tier : tiers) {
                        run(renderer, request, tier.key(visitKey), tier);
                        timings.put(tier, new Timings(runs));
                    }
                    for (int i = 0; i < runs; i++) {
                        for (RenderTier tier : tiers) {
                            long t0 = System.nanoTime();
                            long cpu0 = processCpuNanos();
                            RenderedScene scene = run(renderer, request, tier.key(visitKey), tier);
                            long cpu = processCpuNanos() - cpu0;
                            timings.get(tier).add(i, seconds / ((System.nanoTime() - t0) / 1e9), cpu / 1e6 / request.frames(), scene);
                        }
                    }
                    Timings full = timings.get(RenderTier.FULL);
                    for (RenderTier tier : tiers) {
                        Timings t = timings.get(tier);
                        double frames = (double) request.frames() * runs;
                        double msPerFrame = 1000.0 / (t.factor() * format.fps());
                        String versusFull = full == null ? "" : String.format(Locale.ROOT, "%.2fx", t.versus(full));
                        String cpuVersusFull = full == null ? "" : String.format(Locale.ROOT, "%.2fx", t.cpuVersus(full));
                        out.printf(Locale.ROOT, "%-10s %-9s %-6s %8.1fx %9.2f %8.0f ms %8s %9.2f %8s   %.2f %.2f %.2f %.2f%n", size, kind,
                                tier.wireName(), t.factor(), msPerFrame, t.first(), versusFull, t.cpu(), cpuVersusFull, t.times.generate() / 1e6 / frames,
                                t.times.style() / 1e6 / frames, t.times.compose() / 1e6 / frames, t.times.encode() / 1e6 / frames);
                    }
                    out.flush();
                }
            }
        }
        out.printf(Locale.ROOT, "java %s, %d processors (median of %d runs of %d s scenes at 30 fps, 2 s segments; tiers take turns)%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), runs, seconds);
        return 0;
    }

    /** One tier's timed runs of one scene: real-time factors, first-segment times and stage times. */
    private static final class Timings {
        final double[] factors;
        final double[] cpus;
        final double[] firsts;
        StageTimes times = StageTimes.ZERO;

        Timings(int runs) {
            factors = new double[runs];
            cpus = new double[runs];
            firsts = new double[runs];
        }

        void add(int run, double factor, double cpuMsPerFrame, RenderedScene scene) {
            factors[run] = factor;
            cpus[run] = cpuMsPerFrame;
            firsts[run] = scene.firstSegmentNanos() / 1e6;
            times = times.plus(scene.times());
        }

        double cpu() {
            return median(cpus);
        }

        /** How many times less processor time than {@code other}, the median over pairs of runs. */
        double cpuVersus(Timings other) {
            double[] ratios = new double[cpus.length];
            for (int i = 0; i < ratios.length; i++) {
                ratios[i] = other.cpus[i] / cpus[i];
            }
            return median(ratios);
        }

        double factor() {
            return median(factors);
        }

        double first() {
            return median(firsts);
        }

        /** How many times faster than {@code other}: the median over runs that took turns, each against its partner. */
        double versus(Timings other) {
            double[] ratios = new double[factors.length];
            for (int i = 0; i < ratios.length; i++) {
                ratios[i] = factors[i] / other.factors[i];
            }
            return median(ratios);
        }

        private static double median(double[] values) {
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            return sorted[sorted.length / 2];
        }
    }

    /**
     * Processor time of the whole process (the render thread, x264's threads, ONNX Runtime's):
     * unlike wall time, other processes on a busy machine barely move it.
     */
    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    private static RenderedScene run(SceneRenderer renderer, SceneRequest request, String key, RenderTier tier) {
        List<EncodedSegment> kept = new ArrayList<>();
        return renderer.render(request, key, new SegmentSink() {
            @Override
            public void init(byte[] bytes) {
            }

            @Override
            public void segment(EncodedSegment segment) {
                kept.add(segment);
            }
        }, RenderCancel.NEVER, tier);
    }

    private static ResolvedShot shot(String kind, long ms) {
        Step.Transition cut = Step.Transition.CUT;
        return switch (kind) {
            case "color" -> new ResolvedShot("color", ms, null, null, "#203040", null, null, null, null, null, cut, null, 1, null, false, 1);
            case "title" -> new ResolvedShot("title", ms, null, "The night ferry leaves at eleven", null, null, null, null, null,
                    "A caption under the title", cut, null, 1, null, false, 1);
            case "generate" -> new ResolvedShot("generate", ms, "a hooded figure waits in a rainy neon alley, neon noir", null, null, null,
                    null, null, null, "Midnight.", cut, null, 42, null, true, 1);
            case "styled" -> new ResolvedShot("title", ms, null, "A styled title", null, null, null, null, null, null, cut, "oil painting",
                    42, null, true, 1);
            // A generated shot under a story-wide style, as in the bundled stories.
            case "generate-styled" -> new ResolvedShot("generate", ms, "a hooded figure waits in a rainy neon alley", null, null, null,
                    null, null, null, "Midnight.", cut, "1950s film noir, rain on glass", 42, null, true, 1);
            default -> throw new IllegalArgumentException("unknown kind '" + kind + "'; expected color, title, generate, styled or generate-styled");
        };
    }
}
