package io.branchline.engine.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code branchline bench soak}: many simulated viewers against a real engine process for
 * minutes, as an operator would run it before a launch. The engine runs as a child process
 * ({@code serve} from this very jar, on loopback); each viewer is an HLS client that reports
 * nothing (it reloads the playlist, fetches what is listed, and plays it in real time), and
 * steers through the API as a person would: picks inside the windows, sometimes goes back,
 * answers questions, leaves. Every 30 s it samples the engine's heap, RSS, open files, render
 * queue and live sessions; at the end it prints the error rate, the latency of session calls,
 * the stalled share of watched time and whether memory and files stayed flat.
 */
@Command(name = "soak", mixinStandardHelpOptions = true,
        description = {"Runs the engine in a child process and N simulated viewers against it for M minutes: create, play (as an HLS client), pick, back, answer, leave, and a new viewer takes the place of one that left.",
                "Prints errors, p50/p99 of session calls, stalled share, and heap, RSS, open files and render queue over time."})
final class SoakBench implements Callable<Integer> {

    private static final String STORY = """
            title: Soak
            format: 240x426 30fps
            segment: 1s
            var name = "nobody"
            === hall ===
            shot 4s color "#203040"
              caption "Which way?"
            choice 3s default left
              * "Left" -> left
              * "Right" -> right
              * "Ask" -> asking
            === left ===
            shot 3s title "Left, {name}"
            choice 2s default hall cut
              * "Again" -> hall
              * "End" -> END
            === right ===
            shot 3s title "Right"
            -> hall
            === asking ===
            shot 2s color "#804020"
            ask name "Your name?" 2s default "Bo" -> left
            """;

    @Option(names = "--viewers", paramLabel = "VIEWERS", defaultValue = "200", description = "viewers watching at once (default ${DEFAULT-VALUE})")
    int viewers;

    @Option(names = "--minutes", paramLabel = "MINUTES", defaultValue = "10", description = "how long (default ${DEFAULT-VALUE})")
    double minutes;

    @Option(names = "--abusers", paramLabel = "ABUSERS", defaultValue = "0", description = "sessions that loop back, answer with fresh text and pick as fast as the API lets them,"
            + " for the whole run (default ${DEFAULT-VALUE}); the report counts the renders they caused")
    int abusers;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1", description = "seed of the viewers' choices (default ${DEFAULT-VALUE})")
    long seed;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final java.util.Map<Integer, AtomicLong> refusals = new java.util.concurrent.ConcurrentSkipListMap<>();
    private String base;
    private final List<Long> callMicros = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong watchedMs = new AtomicLong();
    private final AtomicLong stalledMs = new AtomicLong();
    private final List<String> errorSamples = Collections.synchronizedList(new ArrayList<>());

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path dir = Files.createTempDirectory("branchline-soak");
        Files.createDirectories(dir.resolve("stories/soak"));
        Files.writeString(dir.resolve("stories/soak/soak.story"), STORY);
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        base = "http://127.0.0.1:" + port;
        String jar = Path.of(SoakBench.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        String javaCommand = ProcessHandle.current().info().command().orElse("java");
        Process engine = new ProcessBuilder(javaCommand, "-Xmx1g", "-Dbranchline.sessionStartsPerMinute=1000000",
                // every viewer here comes from 127.0.0.1: the per-address limits would measure one crowd behind one address
                "-Dbranchline.rendersPerAddress=1000000", "-cp", jar,
                "io.branchline.engine.cli.Main", "serve", dir.resolve("stories").toString(), "--port", Integer.toString(port),
                "--host", "127.0.0.1", "--data", dir.resolve("data").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("engine.log").toFile()).start();
        try {
            waitForEngine(engine, dir);
            out.printf(Locale.ROOT, "soak: %d viewers for %.1f min against pid %d (log %s)%n", viewers, minutes, engine.pid(),
                    dir.resolve("engine.log"));
            out.println("   t s   heap MB   RSS MB   files   queue   sessions   stalls");
            out.flush();
            long end = System.nanoTime() + (long) (minutes * 60e9);
            ExecutorService pool = Executors.newFixedThreadPool(viewers + abusers);
            List<java.util.concurrent.Future<String>> abuse = new ArrayList<>();
            for (int a = 0; a < abusers; a++) {
                int n = a;
                abuse.add(pool.submit(() -> abuse(n, end)));
            }
            for (int v = 0; v < viewers; v++) {
                long viewerSeed = seed * 7919 + v;
                pool.submit(() -> {
                    Random random = new Random(viewerSeed);
                    while (System.nanoTime() < end) {
                        watch(random, end);
                    }
                    return null;
                });
            }
            List<double[]> samples = new ArrayList<>();
            long started = System.nanoTime();
            while (System.nanoTime() < end) {
                Thread.sleep(Math.min(30_000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
                double[] s = sample(engine, (System.nanoTime() - started) / 1e9);
                samples.add(s);
                out.printf(Locale.ROOT, "%6.0f   %7.1f   %6.1f   %5.0f   %5.0f   %8.0f   %6.0f%n", s[0], s[1], s[2], s[3], s[4], s[5], s[6]);
                out.flush();
            }
            pool.shutdown();
            pool.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS);
            report(out, samples);
            String metrics = get("/metrics").body();
            out.printf(Locale.ROOT, "the engine rendered %.0f visits (%.0f on demand) in %.1f s of render time; %.0f jobs dropped unstarted%n",
                    sum(metrics, "branchline_renders_total\\{[^}]*reused=\"false\"[^}]*\\} ([0-9.eE+]+)"),
                    sum(metrics, "branchline_renders_total\\{reason=\"on-demand\",reused=\"false\"[^}]*\\} ([0-9.eE+]+)"),
                    sum(metrics, "branchline_render_seconds_sum(?:\\{[^}]*\\})? ([0-9.eE+]+)"),
                    sum(metrics, "branchline_render_dropped_total(?:\\{[^}]*\\})? ([0-9.eE+]+)"));
            for (var a : abuse) {
                out.println(a.get());
            }
            out.flush();
            return errors.get() == 0 ? 0 : 1;
        } finally {
            engine.destroy();
            engine.waitFor(20, java.util.concurrent.TimeUnit.SECONDS);
            engine.destroyForcibly();
            if (Boolean.getBoolean("branchline.soak.keep")) {
                out.println("kept " + dir + " (-Dbranchline.soak.keep=true)");
                out.flush();
            } else {
                try (var walk = Files.walk(dir)) {
                    walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    private void waitForEngine(Process engine, Path dir) throws Exception {
        for (int i = 0; i < 600; i++) {
            if (!engine.isAlive()) {
                throw new IllegalStateException("the engine stopped: " + Files.readString(dir.resolve("engine.log")));
            }
            try {
                if (get("/api/stories/soak").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the engine did not start in 60 s");
    }

    /** One viewer's visit: start a session, play it as an HLS client, steer now and then, leave after a while. */
    private void watch(Random random, long end) throws Exception {
        HttpResponse<String> created = timed(HttpRequest.newBuilder(URI.create(base + "/api/stories/soak/sessions"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        if (created.statusCode() != 201) {
            Thread.sleep(1000);
            return;
        }
        String id = field(created.body(), "id");
        String token = field(created.body(), "token");
        double leaveAfterMs = 20_000 + random.nextDouble() * 100_000;
        List<String> fetched = new ArrayList<>();
        double playheadMs = 0;
        double bufferedMs = 0;
        long last = System.nanoTime();
        boolean started = false;
        boolean ended = false;
        while (!ended && playheadMs < leaveAfterMs && System.nanoTime() < end) {
            HttpResponse<String> playlist = timed(HttpRequest.newBuilder(URI.create(base + "/sessions/" + id + "/index.m3u8")).GET());
            if (playlist.statusCode() != 200) {
                break;
            }
            Matcher m = Pattern.compile("#EXTINF:([0-9.]+),\\n(segments/[0-9-]+\\.m4s)").matcher(playlist.body());
            while (m.find()) {
                if (!fetched.contains(m.group(2))) {
                    HttpResponse<String> segment = timed(HttpRequest.newBuilder(URI.create(base + "/sessions/" + id + "/" + m.group(2))).GET());
                    if (segment.statusCode() == 200) {
                        fetched.add(m.group(2));
                        bufferedMs += Double.parseDouble(m.group(1)) * 1000;
                        started = true;
                    }
                }
            }
            ended = playlist.body().contains("#EXT-X-ENDLIST");
            if (random.nextDouble() < 0.3) {
                steer(random, id, token);
            }
            Thread.sleep(500);
            long now = System.nanoTime();
            double elapsed = (now - last) / 1e6;
            last = now;
            if (started) {
                double played = Math.min(elapsed, bufferedMs - playheadMs);
                playheadMs += played;
                watchedMs.addAndGet((long) played);
                if (played < elapsed && !ended) {
                    stalledMs.addAndGet((long) (elapsed - played));
                }
            }
        }
    }

    /** Picks, answers or goes back, as the session's view allows. */
    private void steer(Random random, String id, String token) throws Exception {
        HttpResponse<String> view = timed(authorized(HttpRequest.newBuilder(URI.create(base + "/api/sessions/" + id)), token).GET());
        if (view.statusCode() != 200) {
            return;
        }
        String body = view.body();
        double roll = random.nextDouble();
        if (roll < 0.1) {
            timed(authorized(HttpRequest.newBuilder(URI.create(base + "/api/sessions/" + id + "/back")), token)
                    .POST(HttpRequest.BodyPublishers.noBody()));
        } else if (body.contains("\"question\"")) {
            timed(authorized(HttpRequest.newBuilder(URI.create(base + "/api/sessions/" + id + "/answers")), token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"viewer " + random.nextInt(1000) + "\"}")));
        } else if (body.contains("\"choice\"")) {
            timed(authorized(HttpRequest.newBuilder(URI.create(base + "/api/sessions/" + id + "/choices")), token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"option\": " + random.nextInt(3) + "}")));
        }
    }

    /**
     * One abusive session: it never plays, it reports whatever position opens the next window,
     * answers every question with text nobody used before (so each answer names a visit that is
     * not stored: a render on demand), picks the option that leads back to the question, and goes
     * back as soon as it can. Returns a line: its calls, and how many of the visits it made up were
     * rendered, which its render quota bounds.
     */
    private String abuse(int n, long end) throws Exception {
        HttpResponse<String> created = timed(HttpRequest.newBuilder(URI.create(base + "/api/stories/soak/sessions"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        if (created.statusCode() != 201) {
            return "abuser " + n + ": could not start a session (" + created.statusCode() + ")";
        }
        String id = field(created.body(), "id");
        String token = field(created.body(), "token");
        String api = base + "/api/sessions/" + id;
        java.util.Set<String> madeUp = new java.util.LinkedHashSet<>();
        Pattern leftVisit = Pattern.compile("\\{\"scene\":\"left\",\"start\":[0-9.]+,\"end\":[0-9.]+,\"key\":\"([0-9a-f]+)\"");
        Pattern opens = Pattern.compile("\"(?:choice|question)\":\\{\"opens\":([0-9.]+)");
        Pattern position = Pattern.compile("\"position\":([0-9.]+)");
        long started = System.nanoTime();
        int answers = 0;
        int picks = 0;
        int backs = 0;
        int tooMany = 0;
        boolean answered = false;
        while (System.nanoTime() < end) {
            HttpResponse<String> view = timed(authorized(HttpRequest.newBuilder(URI.create(api)), token).GET());
            if (view.statusCode() != 200) {
                return "abuser " + n + ": its session answered " + view.statusCode() + " " + view.body();
            }
            String body = view.body();
            if (answered) {
                Matcher m = leftVisit.matcher(body);
                while (m.find()) {
                    madeUp.add(m.group(1));
                }
            }
            Matcher window = opens.matcher(body);
            Matcher at = position.matcher(body);
            double ms = window.find() ? Double.parseDouble(window.group(1)) + 1 : (at.find() ? Double.parseDouble(at.group(1)) + 1000 : 0);
            timed(authorized(HttpRequest.newBuilder(URI.create(api + "/position")), token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"ms\": " + (long) ms + "}")));
            HttpResponse<String> step = null;
            if (body.contains("\"question\":{")) {
                step = timed(authorized(HttpRequest.newBuilder(URI.create(api + "/answers")), token).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"abuser " + n + " no " + answers + "\"}")));
                answers++;
                answered = true;
            } else if (body.contains("\"choice\":{") && body.contains("\"label\":\"Ask\"")) {
                step = timed(authorized(HttpRequest.newBuilder(URI.create(api + "/choices")), token).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"option\": 2}")));
                picks++;
            } else if (answered) {
                step = timed(authorized(HttpRequest.newBuilder(URI.create(api + "/back")), token).POST(HttpRequest.BodyPublishers.noBody()));
                backs++;
            }
            if (step != null && step.statusCode() == 429) {
                tooMany++;
                Thread.sleep(1000L * Long.parseLong(step.headers().firstValue("Retry-After").orElse("1")));
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Thread.sleep(3000); // renders already running finish; those still waiting for the quota were withdrawn or wait on
        int rendered = 0;
        for (String key : madeUp) {
            if (get("/segments/" + key + "/init.mp4").statusCode() == 200) {
                rendered++;
            }
        }
        return String.format(Locale.ROOT, "abuser %d: %.0f s, %d answers, %d picks, %d backs, %d refused with 429; "
                + "%d made-up visits, %d of them rendered (a session's default quota: 20 at once, then one per 10 s)", n, seconds, answers,
                picks, backs, tooMany, madeUp.size(), rendered);
    }

    private static HttpRequest.Builder authorized(HttpRequest.Builder b, String token) {
        return b.header("Authorization", "Bearer " + token);
    }

    /** Sends a request, times it, and counts 5xx as errors (4xx such as a pick outside its window are the viewer's, counted apart). */
    private HttpResponse<String> timed(HttpRequest.Builder request) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        HttpResponse<String> r;
        try {
            r = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            errors.incrementAndGet();
            sampleError("I/O " + e);
            throw e;
        }
        callMicros.add((System.nanoTime() - t0) / 1000);
        calls.incrementAndGet();
        if (r.statusCode() >= 500) {
            errors.incrementAndGet();
            sampleError(r.statusCode() + " " + r.uri().getPath() + " " + r.body());
        } else if (r.statusCode() >= 400) {
            refused.incrementAndGet();
            refusals.computeIfAbsent(r.statusCode(), k -> new AtomicLong()).incrementAndGet();
        }
        return r;
    }

    private void sampleError(String what) {
        if (errorSamples.size() < 5) {
            errorSamples.add(what);
        }
    }

    /** {t s, heap MB, RSS MB, open files, render queue, live sessions, stalls counted by the engine}. */
    private double[] sample(Process engine, double t) throws Exception {
        String metrics = get("/metrics").body();
        double heap = sum(metrics, "jvm_memory_used_bytes\\{area=\"heap\"[^}]*\\} ([0-9.eE+]+)") / 1048576;
        double files = sum(metrics, "process_files_open_files(?:\\{[^}]*\\})? ([0-9.eE+]+)");
        double queue = sum(metrics, "branchline_render_queue(?:\\{[^}]*\\})? ([0-9.eE+]+)");
        double live = sum(metrics, "branchline_sessions_live(?:\\{[^}]*\\})? ([0-9.eE+]+)");
        double stalls = sum(metrics, "branchline_stalls_total(?:\\{[^}]*\\})? ([0-9.eE+]+)");
        double rss = 0;
        for (String line : Files.readAllLines(Path.of("/proc/" + engine.pid() + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = Double.parseDouble(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return new double[] {t, heap, rss, files, queue, live, stalls};
    }

    private static double sum(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        double total = 0;
        while (m.find()) {
            total += Double.parseDouble(m.group(1));
        }
        return total;
    }

    private void report(PrintWriter out, List<double[]> samples) {
        List<Long> sorted;
        synchronized (callMicros) {
            sorted = new ArrayList<>(callMicros);
        }
        Collections.sort(sorted);
        double p50 = sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2) / 1000.0;
        double p99 = sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * 0.99))) / 1000.0;
        out.printf(Locale.ROOT, "calls %d: errors (5xx or broken) %d (%.3f%%), refused 4xx %d %s; latency p50 %.1f ms, p99 %.1f ms%n",
                calls.get(), errors.get(), 100.0 * errors.get() / Math.max(1, calls.get()), refused.get(), refusals, p50, p99);
        out.printf(Locale.ROOT, "watched %.0f s, stalled %.0f s (%.1f%% of watched time)%n", watchedMs.get() / 1000.0,
                stalledMs.get() / 1000.0, 100.0 * stalledMs.get() / Math.max(1, watchedMs.get() + stalledMs.get()));
        if (samples.size() >= 3) {
            double[] warm = samples.get(1);
            double[] last = samples.get(samples.size() - 1);
            double maxQueue = samples.stream().mapToDouble(s -> s[4]).max().orElse(0);
            out.printf(Locale.ROOT, "after warm-up (t=%.0f s) to the end: heap %.1f -> %.1f MB, RSS %.1f -> %.1f MB, open files %.0f -> %.0f; "
                    + "render queue at most %.0f%n", warm[0], warm[1], last[1], warm[2], last[2], warm[3], last[3], maxQueue);
        }
        errorSamples.forEach(e -> out.println("  error: " + e));
        out.flush();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }
}
