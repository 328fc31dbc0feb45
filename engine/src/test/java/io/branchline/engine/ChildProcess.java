package io.branchline.engine;

import io.branchline.engine.cli.Main;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code branchline} command ({@code serve}, {@code serve --cluster}, {@code render-node
 * --cluster}) in a process of its own, with this test's class path (the code just compiled, not
 * whatever jar was packaged last), and a small HTTP client for it. Tests that kill a process
 * ({@code kill -9}) or start several use it.
 */
@SuppressWarnings("try")   // close() may be interrupted; resources held for their scope only
public final class ChildProcess implements AutoCloseable {

    /** The line {@code serve} prints once it listens; group 1 is its port. */
    public static final Pattern SERVING = Pattern.compile("at http://127\\.0\\.0\\.1:(\\d+)/");

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    public final Process process;
    public final Path log;
    public final int port;

    private ChildProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** {@code serve} on {@code stories} with {@code data}, on a free loopback port; waits (at most 30 s) until it listens. */
    public static ChildProcess serve(Path stories, Path data, Path log) throws Exception {
        return start(List.of(), List.of("serve", stories.toString(), "--port", "0", "--host", "127.0.0.1", "--data", data.toString()), log,
                SERVING, Duration.ofSeconds(30));
    }

    /**
     * Starts {@code args} with JVM flags {@code jvm} in {@code log}'s folder, its output appended to
     * {@code log}, and waits until what it prints from now on matches {@code ready}, whose group 1 is its port.
     */
    public static ChildProcess start(List<String> jvm, List<String> args, Path log, Pattern ready, Duration wait) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto"));
        command.addAll(jvm);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(args);
        if (!Files.exists(log)) {
            Files.createFile(log);
        }
        long from = Files.size(log); // a restart appends to the same log: only what this process prints counts
        Process p = new ProcessBuilder(command).directory(log.toAbsolutePath().getParent().toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException(args.get(0) + " ended with " + p.exitValue() + "\n" + Files.readString(log));
            }
            String out = Files.readString(log);
            Matcher m = ready.matcher(out.substring((int) Math.min(from, out.length())));
            if (m.find()) {
                return new ChildProcess(p, log, Integer.parseInt(m.group(1)));
            }
            Thread.sleep(10);
        }
        p.destroyForcibly();
        throw new IllegalStateException(args.get(0) + " was not ready within " + wait.toSeconds() + " s\n" + Files.readString(log));
    }

    /** Everything the process printed (and earlier processes on the same log). */
    public String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** The last lines of the log, for a failure's message. */
    public String tail() {
        String out = logText();
        return out.substring(Math.max(0, out.length() - 6000));
    }

    /** A GET; a session's playlist is held up to 10 s for its first segment, so this waits 15 s. */
    public HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(15)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A GET with a session's token (none when null). */
    public HttpResponse<byte[]> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A POST of {@code json} (no body when null) with a session's token (none when null). */
    public HttpResponse<String> post(String path, String token, String json) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5)).header("Content-Type", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** kill -9: no shutdown hook, no flush, nothing. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGTERM, and kill -9 if it still runs 10 s later. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
