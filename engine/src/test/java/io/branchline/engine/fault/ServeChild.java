package io.branchline.engine.fault;

import io.branchline.engine.cli.Main;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code branchline serve} in a process of its own, on a free port, with this test's class path
 * (the code just compiled, not whatever jar was packaged last), and a small HTTP client for it.
 */
@SuppressWarnings("try")   // close() may be interrupted; resources held for their scope only
final class ServeChild implements AutoCloseable {

    private static final Pattern SERVING = Pattern.compile("at http://127\\.0\\.0\\.1:(\\d+)/");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    final Process process;
    final Path log;
    final int port;

    private ServeChild(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts serve on {@code stories} with {@code data}, and waits until it listens. */
    static ServeChild start(Path stories, Path data, Path log) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve", stories.toString(),
                "--port", "0", "--host", "127.0.0.1", "--data", data.toString())
                .directory(data.getParent().toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        long from = Files.size(log);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("serve ended with " + p.exitValue() + "\n" + Files.readString(log));
            }
            String out = Files.readString(log);
            Matcher m = SERVING.matcher(out.substring((int) Math.min(from, out.length())));
            if (m.find()) {
                return new ServeChild(p, log, Integer.parseInt(m.group(1)));
            }
            Thread.sleep(10);
        }
        p.destroyForcibly();
        throw new IllegalStateException("serve did not listen within 30 s\n" + Files.readString(log));
    }

    HttpResponse<byte[]> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<String> post(String path, String token, String json) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The last lines serve printed, for a failure's message. */
    String tail() {
        try {
            String out = Files.readString(log);
            return out.substring(Math.max(0, out.length() - 6000));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** kill -9: no shutdown hook, no flush, nothing. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
