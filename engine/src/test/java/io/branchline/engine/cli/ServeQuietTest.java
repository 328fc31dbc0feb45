package io.branchline.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A clean start of {@code serve}, in a process of its own as a user starts it (this test's class path,
 * through {@code Main.main}): at most five lines, one of them the address and what was loaded, and no
 * logging lines, up to the moment the engine is ready (the first scene rendered, models loaded).
 */
class ServeQuietTest {

    private static final Pattern SERVING = Pattern.compile("at http://127\\.0\\.0\\.1:(\\d+)/");

    @TempDir
    Path dir;

    @Test
    void aCleanStartPrintsOneLineWithTheAddressAndTheStories() throws Exception {
        Path stories = Files.createDirectories(dir.resolve("stories"));
        assertEquals(0, MainTest.run("new", "first-light", "--dir", stories.toString()).code());
        Path log = dir.resolve("serve.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve", stories.toString(),
                "--port", "0", "--host", "127.0.0.1", "--data", dir.resolve("data").toString())
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            int port = awaitPort(p, log);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            int status = 0;
            while (System.nanoTime() < deadline && status != 200) {
                status = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status != 200) {
                    Thread.sleep(100);
                }
            }
            assertEquals(200, status, "ready: the first scene (with its generated shot) is rendered\n" + Files.readString(log));
            // Give anything the start-up work logs a moment to reach the file: a viewer's request now is answered.
            assertEquals(200, http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/stories")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
            String out = Files.readString(log);
            List<String> lines = out.lines().filter(l -> !l.isBlank()).toList();
            assertTrue(lines.size() <= 5, "at most 5 lines on a clean start, got " + lines.size() + ":\n" + out);
            assertEquals(1, lines.stream().filter(l -> l.contains("http://127.0.0.1:" + port + "/")).count(), out);
            assertTrue(out.contains("serving 1 story (first-light)"), "what was loaded, plural right:\n" + out);
            for (String word : List.of("INFO", "WARNING", "SEVERE", "Exception", "at io.", "MiniLM")) {
                assertTrue(!out.contains(word), "no logging lines on a clean start ('" + word + "'):\n" + out);
            }
        } finally {
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    /** {@code render} says what it rendered and where, with no logging lines (the text encoder loading, the models). */
    @Test
    void renderPrintsItsProgressAndNoLoggingLines() throws Exception {
        assertEquals(0, MainTest.run("new", "first-light", "--dir", dir.toString()).code());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "render",
                dir.resolve("first-light/first-light.story").toString(), "--out", dir.resolve("out").toString(),
                "--path", "opening,knock", "--data", dir.resolve("data").toString())
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(180, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("rendered 2 scene visits"), out);
        for (String word : List.of("INFO", "WARNING", "SEVERE", "Exception", "MiniLM")) {
            assertTrue(!out.contains(word), "no logging lines when render starts ('" + word + "'):\n" + out);
        }
    }

    private static int awaitPort(Process p, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String out = Files.readString(log);
            Matcher m = SERVING.matcher(out);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            if (!p.isAlive()) {
                throw new AssertionError("serve ended with " + p.exitValue() + ":\n" + out);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("serve did not print its address in 60 s:\n" + Files.readString(log));
    }
}
