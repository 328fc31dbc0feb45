package io.branchline.engine.cli;

import io.branchline.engine.policy.PromptPolicy;
import io.branchline.engine.http.HttpVerticle;
import io.branchline.engine.render.RenderWorkerVerticle;
import io.branchline.engine.render.StoreRender;
import io.branchline.engine.session.SessionService;
import io.branchline.engine.stories.StoryCatalog;
import io.branchline.engine.store.SegmentStore;
import io.branchline.renderer.RenderTools;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code branchline bench serve}: segments served per second, heap per session, and how fast a choice reaches the playlist. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Starts the engine in this process on loopback with a small generated story and measures: cached segments served per second and their latency; heap held by open sessions; time from a posted choice to the playlist listing the next scene (already rendered).",
                "The load comes from this process too: client and server share the machine's cores."})
final class ServeBench implements Callable<Integer> {

    private static final String STORY = """
            title: Bench
            format: 480x854 30fps
            segment: 2s
            === hall ===
            shot 4s color "#203040"
              caption "Two doors"
            choice 2s default left
              * "Left" -> left
              * "Right" -> right
            === left ===
            shot 2s title "Left"
            -> END
            === right ===
            shot 2s title "Right"
            -> END
            """;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "10", description = "length of the segment load test (default ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--connections", paramLabel = "N", defaultValue = "32", description = "concurrent connections of the load test (default ${DEFAULT-VALUE})")
    int connections;

    @Option(names = "--sessions", paramLabel = "N", defaultValue = "1000", description = "sessions opened for the heap figure (default ${DEFAULT-VALUE})")
    int sessions;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private io.vertx.ext.web.client.WebClient web;
    private int port;

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        // The bench opens a thousand sessions from one address: lift the per-address limit for it.
        System.setProperty("branchline.sessionStartsPerMinute", "1000000");
        Path dir = Files.createTempDirectory("branchline-serve-bench");
        Files.createDirectories(dir.resolve("stories/bench"));
        Files.writeString(dir.resolve("stories/bench/bench.story"), STORY);
        StoryCatalog catalog = new StoryCatalog(dir.resolve("stories"));
        catalog.refresh();
        Vertx vertx = Vertx.vertx();
        try (SegmentStore store = SegmentStore.open(dir.resolve("store"), 1L << 30);
             RenderTools tools = RenderTools.fromConfiguration(PromptPolicy.configured().version())) {
            SessionService service = new SessionService(vertx, catalog, store, tools, dir.resolve("sessions"));
            HttpVerticle http = new HttpVerticle(catalog, service, store, "127.0.0.1", 0);
            await(vertx.deployVerticle(new RenderWorkerVerticle(new StoreRender(store, tools), 1)));
            await(vertx.deployVerticle(http));
            port = http.actualPort();
            web = io.vertx.ext.web.client.WebClient.create(vertx);
            HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setDefaultPort(port).setDefaultHost("127.0.0.1"),
                    new PoolOptions().setHttp1MaxSize(connections));

            // Two sessions: one takes each branch, so every scene is rendered and stored.
            JsonObject a = create(client);
            JsonObject b = create(client);
            waitFor(client, a, "segments/0-0.m4s");
            choose(client, a, 0);
            choose(client, b, 1);
            waitFor(client, a, "segments/1-0.m4s");
            waitFor(client, b, "segments/1-0.m4s");
            String key;
            try (Stream<Path> keys = Files.list(dir.resolve("store/scenes"))) {
                key = keys.map(p -> p.getFileName().toString()).filter(k -> k.matches("[0-9a-f]{64}")).sorted().findFirst().orElseThrow();
            }
            String raw = "/segments/" + key + "/seg-00000.m4s";
            String retimed = "/sessions/" + a.getString("id") + "/segments/0-0.m4s";
            out.printf(Locale.ROOT, "cached segments, %d connections, %d s each, on loopback (client in this process):%n", connections, seconds);
            load(client, raw, 2, out, "warm-up");
            load(client, raw, seconds, out, "GET /segments/KEY/seg-00000.m4s (shared, from disk)");
            load(client, retimed, seconds, out, "GET /sessions/ID/segments/0-0.m4s (retimed per session)");

            long latency = choiceLatency(client);
            out.printf(Locale.ROOT, "choice to playlist (next scene already stored): median %d ms over 20 sessions%n", latency);

            System.gc();
            Thread.sleep(300);
            long before = used();
            for (int i = 0; i < sessions; i++) {
                create(client);
            }
            System.gc();
            Thread.sleep(300);
            long after = used();
            out.printf(Locale.ROOT, "heap held by %d open sessions: %.1f MB (%.1f kB each)%n", sessions, (after - before) / 1048576.0,
                    (after - before) / 1024.0 / sessions);
            out.printf(Locale.ROOT, "java %s, %d processors, max heap %d MB%n", System.getProperty("java.version"),
                    Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
            out.flush();
        } finally {
            await(vertx.close());
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return 0;
    }

    private static long used() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    private JsonObject create(HttpClient client) throws Exception {
        var response = await(web.post(port, "127.0.0.1", "/api/stories/bench/sessions").send());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("the bench could not start a session: " + response.statusCode() + " " + response.bodyAsString());
        }
        return response.bodyAsJsonObject();
    }

    private void choose(HttpClient client, JsonObject session, int option) throws Exception {
        String id = session.getString("id");
        String token = session.getString("token");
        await(web.post(port, "127.0.0.1", "/api/sessions/" + id + "/position").putHeader("Authorization", "Bearer " + token)
                .sendBuffer(Buffer.buffer("{\"ms\": 2500}")));
        int status = await(web.post(port, "127.0.0.1", "/api/sessions/" + id + "/choices").putHeader("Authorization", "Bearer " + token)
                .sendBuffer(Buffer.buffer("{\"option\": " + option + "}"))).statusCode();
        if (status != 200) {
            throw new IllegalStateException("the bench's choice was refused: " + status);
        }
    }

    private String playlist(HttpClient client, JsonObject session) throws Exception {
        return await(web.get(port, "127.0.0.1", "/sessions/" + session.getString("id") + "/index.m3u8").send()).bodyAsString();
    }

    private void waitFor(HttpClient client, JsonObject session, String needle) throws Exception {
        for (int i = 0; i < 1200; i++) {
            if (playlist(client, session).contains(needle)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the bench's session never listed " + needle);
    }

    private long choiceLatency(HttpClient client) throws Exception {
        long[] ms = new long[20];
        for (int i = 0; i < ms.length; i++) {
            JsonObject s = create(client);
            waitFor(client, s, "segments/0-0.m4s");
            long t0 = System.nanoTime();
            choose(client, s, i % 2);
            while (!playlist(client, s).contains("segments/1-0.m4s")) {
                Thread.sleep(1);
            }
            ms[i] = (System.nanoTime() - t0) / 1_000_000;
        }
        Arrays.sort(ms);
        return ms[ms.length / 2];
    }

    /** Requests one path for {@code seconds} with every connection busy; prints requests per second and latency percentiles. */
    private void load(HttpClient client, String path, int seconds, PrintWriter out, String what) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long[][] latencies = new long[connections][];
        int[] counts = new int[connections];
        Future<?>[] loops = new Future<?>[connections];
        for (int c = 0; c < connections; c++) {
            latencies[c] = new long[1 << 20];
            int lane = c;
            io.vertx.core.Promise<Void> finished = io.vertx.core.Promise.promise();
            loops[c] = finished.future();
            next(client, path, end, lane, latencies, counts, done, failed, finished);
        }
        long t0 = System.nanoTime();
        for (Future<?> f : loops) {
            await(f);
        }
        double elapsed = (System.nanoTime() - t0) / 1e9;
        int n = Arrays.stream(counts).sum();
        long[] all = new long[n];
        int k = 0;
        for (int c = 0; c < connections; c++) {
            System.arraycopy(latencies[c], 0, all, k, counts[c]);
            k += counts[c];
        }
        Arrays.sort(all);
        if (!what.equals("warm-up")) {
            out.printf(Locale.ROOT, "  %-62s %8.0f req/s  p50 %5.2f ms  p99 %5.2f ms  (%d requests, %d failed)%n", what, done.get() / elapsed,
                    all[n / 2] / 1e6, all[Math.min(n - 1, (int) (n * 0.99))] / 1e6, done.get(), failed.get());
            out.flush();
        }
    }

    private void next(HttpClient client, String path, long end, int lane, long[][] latencies, int[] counts, AtomicInteger done,
                      AtomicInteger failed, io.vertx.core.Promise<Void> finished) {
        if (System.nanoTime() >= end || counts[lane] >= latencies[lane].length) {
            finished.complete();
            return;
        }
        long t = System.nanoTime();
        client.request(HttpMethod.GET, path).compose(r -> r.send()).compose(r -> r.statusCode() == 200 ? r.body() : Future.<Buffer>failedFuture("" + r.statusCode()))
                .onComplete(r -> {
                    if (r.succeeded()) {
                        latencies[lane][counts[lane]++] = System.nanoTime() - t;
                        done.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                    }
                    next(client, path, end, lane, latencies, counts, done, failed, finished);
                });
    }
}
