package io.branchline.engine.cli;

import io.branchline.renderer.ContentKey;
import io.branchline.renderer.RenderFormat;
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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code branchline bench render}: how fast each kind of shot renders and encodes, stage by stage. */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = {"Renders scenes of each kind of shot and prints real-time factors, time per stage and how soon the first segment is ready.",
                "Segments are kept in memory; nothing is written to disk."})
final class RenderBench implements Callable<Integer> {

    @Option(names = "--size", split = ",", defaultValue = "480x854,720x1280", description = "frame sizes (default ${DEFAULT-VALUE})")
    List<String> sizes;

    @Option(names = "--kinds", split = ",", defaultValue = "color,title,generate,styled", description = "shot kinds (default ${DEFAULT-VALUE})")
    List<String> kinds;

    @Option(names = "--seconds", defaultValue = "8", description = "length of each scene in seconds (default ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--runs", defaultValue = "3", description = "timed runs of each, after one warm-up run (default ${DEFAULT-VALUE})")
    int runs;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (seconds < 1 || runs < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "expected --seconds and --runs of at least 1");
        }
        try (RenderTools tools = Tools.create()) {
            SceneRenderer renderer = new SceneRenderer(tools);
            out.printf(Locale.ROOT, "%-10s %-9s %9s %9s %11s   %s%n", "size", "kind", "x realtime", "ms/frame", "1st segment",
                    "ms/frame per stage: generate style compose encode");
            for (String size : sizes) {
                String[] wh = size.split("x");
                RenderFormat format = new RenderFormat(Integer.parseInt(wh[0]), Integer.parseInt(wh[1]), 30, 2000);
                for (String kind : kinds) {
                    SceneRequest request = new SceneRequest(Path.of("."), format, "AI-generated", List.of(shot(kind, seconds * 1000L)));
                    String key = ContentKey.of(request, tools);
                    run(renderer, request, key);
                    double[] factors = new double[runs];
                    double[] firsts = new double[runs];
                    StageTimes times = StageTimes.ZERO;
                    for (int i = 0; i < runs; i++) {
                        long t0 = System.nanoTime();
                        RenderedScene scene = run(renderer, request, key);
                        long wall = System.nanoTime() - t0;
                        factors[i] = seconds / (wall / 1e9);
                        firsts[i] = scene.firstSegmentNanos() / 1e6;
                        times = times.plus(scene.times());
                    }
                    Arrays.sort(factors);
                    Arrays.sort(firsts);
                    double frames = (double) request.frames() * runs;
                    out.printf(Locale.ROOT, "%-10s %-9s %8.1fx %9.2f %9.0f ms   %.2f %.2f %.2f %.2f%n", size, kind, factors[runs / 2],
                            1000.0 / (factors[runs / 2] * format.fps()), firsts[runs / 2], times.generate() / 1e6 / frames,
                            times.style() / 1e6 / frames, times.compose() / 1e6 / frames, times.encode() / 1e6 / frames);
                    out.flush();
                }
            }
        }
        out.printf(Locale.ROOT, "java %s, %d processors (median of %d runs of %d s scenes at 30 fps, 2 s segments)%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), runs, seconds);
        return 0;
    }

    private static RenderedScene run(SceneRenderer renderer, SceneRequest request, String key) {
        List<EncodedSegment> kept = new ArrayList<>();
        return renderer.render(request, key, new SegmentSink() {
            @Override
            public void init(byte[] bytes) {
            }

            @Override
            public void segment(EncodedSegment segment) {
                kept.add(segment);
            }
        });
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
            default -> throw new IllegalArgumentException("unknown kind '" + kind + "'; expected color, title, generate or styled");
        };
    }
}
