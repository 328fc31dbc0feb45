package io.branchline.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code branchline serve} as its own process, sent SIGTERM while it renders a scene that the
 * neural generator paints and the neural styler restyles (the render that used to crash the
 * JVM when the models were closed under it): it must exit with 0 and leave no crash file in
 * its working directory, every time. Run with this test's class path, so it is the code just
 * compiled, not whatever jar was packaged last.
 */
class ServeStopTest {

    private static final int TRIES = 10;
    /** Small and long: a render is surely under way when its first segment is stored. */
    private static final String STORY = """
            title: Stopped mid-render
            format: 144x256 12fps
            segment: 1s

            === field ===
            shot 120s generate "a slow storm over a wheat field"
              style "charcoal sketch"
            -> END
            """;

    @Test
    void sigtermDuringARenderExitsWithZeroAndLeavesNoCrashFile(@TempDir Path dir) throws Exception {
        Path stories = Files.createDirectories(dir.resolve("stories"));
        Files.writeString(stories.resolve("styled.story"), STORY);
        for (int i = 0; i < TRIES; i++) {
            Path work = Files.createDirectories(dir.resolve("run-" + i));
            Path log = work.resolve("serve.log");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process serve = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                    Main.class.getName(), "serve", stories.toString(), "--port", "0", "--host", "127.0.0.1",
                    "--data", work.resolve("data").toString())
                    .directory(work.toFile()) // where the JVM would write hs_err_pid*.log
                    .redirectErrorStream(true).redirectOutput(log.toFile())
                    .start();
            try {
                awaitFirstSegment(work.resolve("data/store/staging"), serve, log);
                serve.destroy(); // SIGTERM
                assertTrue(serve.waitFor(30, TimeUnit.SECONDS), "try " + i + ": still running 30 s after SIGTERM\n" + Files.readString(log));
                String out = Files.readString(log);
                assertEquals(0, serve.exitValue(), "try " + i + ": exit status after SIGTERM\n" + out);
                assertTrue(out.contains("Branchline stopped."), "try " + i + ": stopped in order\n" + out);
                assertEquals(List.of(), crashFiles(work), "try " + i + ": crash files\n" + out);
                assertEquals(List.of(), list(work.resolve("data/store/scenes")), "try " + i + ": the cancelled render kept no visit");
                assertEquals(List.of(), list(work.resolve("data/store/staging")), "try " + i + ": nor any partial one");
            } finally {
                serve.destroyForcibly();
            }
        }
    }

    /** Waits until a render in progress has stored its first segment. */
    private static void awaitFirstSegment(Path staging, Process serve, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!serve.isAlive()) {
                fail("serve ended before rendering (" + serve.exitValue() + ")\n" + Files.readString(log));
            }
            for (Path writer : list(staging)) {
                if (Files.exists(writer.resolve("seg-00000.m4s"))) {
                    return;
                }
            }
            Thread.sleep(10);
        }
        fail("no render stored a segment within 60 s\n" + Files.readString(log));
    }

    private static List<Path> crashFiles(Path work) throws IOException {
        return list(work).stream().filter(p -> {
            String name = p.getFileName().toString();
            return name.startsWith("hs_err_pid") || name.startsWith("replay_pid") || name.matches("core(\\.\\d+)?");
        }).toList();
    }

    private static List<Path> list(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.toList();
        }
    }
}
