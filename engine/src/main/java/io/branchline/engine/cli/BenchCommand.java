package io.branchline.engine.cli;

import io.branchline.engine.bench.StoryGenerator;
import io.branchline.story.CompileResult;
import io.branchline.story.StoryCompiler;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code branchline bench compile}: measures how fast a large story checks and compiles. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Runs a benchmark and prints its figures.",
        subcommands = {BenchCommand.Compile.class, RenderBench.class, ServeBench.class, SignBench.class, SoakBench.class, StoreBench.class,
                PolicyBench.class, WatermarkBench.class, ClusterBench.class})
final class BenchCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Check and compile a generated story from disk, many times, after a warm-up. */
    @Command(name = "compile", mixinStandardHelpOptions = true,
            description = "Generates a story of N scenes and times reading, parsing, checking and compiling it.")
    static final class Compile implements Callable<Integer> {

        @Option(names = "--scenes", paramLabel = "SCENES", defaultValue = "10000", description = "scenes in the generated story (default ${DEFAULT-VALUE})")
        int scenes;

        @Option(names = "--warmup", paramLabel = "WARMUP", defaultValue = "15", description = "untimed runs first, so the JIT has compiled the code (default ${DEFAULT-VALUE})")
        int warmup;

        @Option(names = "--runs", paramLabel = "RUNS", defaultValue = "20", description = "timed runs (default ${DEFAULT-VALUE})")
        int runs;

        @Option(names = "--save", paramLabel = "FILE", description = "also write the generated story to FILE (to time 'branchline check FILE' from a cold start)")
        Path save;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            if (scenes < 2 || runs < 1 || warmup < 0) {
                throw new CommandLine.ParameterException(spec.commandLine(), "expected --scenes of at least 2, --runs of at least 1 and --warmup of at least 0");
            }
            PrintWriter out = spec.commandLine().getOut();
            Path dir = Files.createTempDirectory("branchline-bench");
            Path file = dir.resolve("bench.story");
            try {
                Files.writeString(file, StoryGenerator.story(scenes), StandardCharsets.UTF_8);
                long bytes = Files.size(file);
                if (save != null) {
                    Files.copy(file, save, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
                long cold = System.nanoTime();
                CompileResult first = StoryCompiler.compile(file);
                double coldMs = (System.nanoTime() - cold) / 1e6;
                if (!first.ok() || !first.diagnostics().isEmpty()) {
                    out.println("bench: the generated story did not compile cleanly: " + first.diagnostics().get(0).headline());
                    return 1;
                }
                for (int i = 0; i < warmup; i++) {
                    StoryCompiler.compile(file);
                }
                double[] ms = new double[runs];
                for (int i = 0; i < runs; i++) {
                    long t0 = System.nanoTime();
                    StoryCompiler.compile(file);
                    ms[i] = (System.nanoTime() - t0) / 1e6;
                }
                Arrays.sort(ms);
                Runtime rt = Runtime.getRuntime();
                out.printf(java.util.Locale.ROOT, "compile: %d scenes, %d lines, %.1f kB; %d warm-up runs, %d timed runs%n", scenes,
                        Files.readAllLines(file).size(), bytes / 1024.0, warmup, runs);
                out.printf(java.util.Locale.ROOT, "  cold (the first run in this JVM): %.1f ms%n", coldMs);
                out.printf(java.util.Locale.ROOT, "  warm: median %.1f ms, min %.1f ms, p90 %.1f ms, max %.1f ms%n",
                        ms[runs / 2], ms[0], ms[Math.min(runs - 1, (int) Math.ceil(runs * 0.9) - 1)], ms[runs - 1]);
                out.printf(java.util.Locale.ROOT, "  java %s, %d processors, max heap %d MB%n", System.getProperty("java.version"),
                        rt.availableProcessors(), rt.maxMemory() / (1024 * 1024));
                out.flush();
                return 0;
            } finally {
                Files.deleteIfExists(file);
                Files.deleteIfExists(dir);
            }
        }
    }
}
