package io.branchline.engine;

import io.branchline.engine.http.HttpVerticle;
import io.branchline.engine.metrics.EngineMetrics;
import io.branchline.engine.render.RenderWorkerVerticle;
import io.branchline.engine.render.StoreHealing;
import io.branchline.engine.render.StoreRender;
import io.branchline.engine.session.SessionService;
import io.branchline.engine.store.SegmentStore;
import io.branchline.engine.store.StoreListener;
import io.branchline.engine.store.StoreOptions;
import io.branchline.engine.stories.StoryCatalog;
import io.branchline.renderer.RenderTools;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * The engine as the tests meet it over HTTP: stories written into a folder, a segment store,
 * a render worker, sessions and the HTTP server on a free port, and a client. {@link #restart()}
 * stops Vert.x and starts it again on the same folder, as a crash and restart would.
 */
@SuppressWarnings("try")   // close() may be interrupted; resources held for their scope only
public final class EngineOverHttp implements AutoCloseable {

    public final Path dir;
    public final StoryCatalog catalog;
    public final SegmentStore store;
    public Vertx vertx;
    public WebClient client;
    public HttpVerticle server;
    public SessionService sessions;
    public int port;
    public EngineMetrics metrics;
    private final int slots;
    private final UnaryOperator<SessionService> configure;
    private Runnable healing = () -> { };
    /** Wraps the render function (a slowed or gated render for tests of timing); identity by default. */
    private UnaryOperator<io.branchline.engine.render.RenderFunction> renderWrap = r -> r;
    private boolean ladder;

    private EngineOverHttp(Path dir, int slots, UnaryOperator<SessionService> configure, StoreOptions options) throws Exception {
        this(dir, slots, configure, options, r -> r, false);
    }

    private EngineOverHttp(Path dir, int slots, UnaryOperator<SessionService> configure, StoreOptions options,
                           UnaryOperator<io.branchline.engine.render.RenderFunction> wrap, boolean ladder) throws Exception {
        this.renderWrap = wrap;
        this.ladder = ladder;
        this.dir = dir;
        this.slots = slots;
        this.configure = configure;
        this.catalog = new StoryCatalog(dir.resolve("stories"));
        catalog.refresh();
        this.store = SegmentStore.open(dir.resolve("store"), 1L << 30, StoreListener.NONE, options);
        deploy();
    }

    /** As {@link #start(Path, Map)}, with a store that reads and writes through {@code options} (a failing disk, a test clock). */
    public static EngineOverHttp start(Path dir, Map<String, String> stories, StoreOptions options) throws Exception {
        writeStories(dir, stories);
        return new EngineOverHttp(dir, 1, s -> s, options);
    }

    /** Writes each story (id to text) as {@code stories/ID/ID.story} under {@code dir} and starts the engine. */
    public static EngineOverHttp start(Path dir, Map<String, String> stories, int slots, UnaryOperator<SessionService> configure)
            throws Exception {
        writeStories(dir, stories);
        return new EngineOverHttp(dir, slots, configure, StoreOptions.DEFAULTS);
    }

    private static void writeStories(Path dir, Map<String, String> stories) throws java.io.IOException {
        for (Map.Entry<String, String> story : stories.entrySet()) {
            Files.createDirectories(dir.resolve("stories/" + story.getKey()));
            Files.writeString(dir.resolve("stories/" + story.getKey() + "/" + story.getKey() + ".story"), story.getValue());
        }
    }

    public static EngineOverHttp start(Path dir, Map<String, String> stories) throws Exception {
        return start(dir, stories, 1, s -> s);
    }

    /**
     * As {@link #start(Path, Map)} with the render ladder on, {@code slots} render slots and every
     * render going through {@code wrap} (a render function the test controls, around the real one).
     */
    public static EngineOverHttp startWithLadder(Path dir, Map<String, String> stories, int slots,
                                                 UnaryOperator<io.branchline.engine.render.RenderFunction> wrap) throws Exception {
        writeStories(dir, stories);
        return new EngineOverHttp(dir, slots, s -> s, StoreOptions.DEFAULTS, wrap, true);
    }

    private void deploy() throws Exception {
        vertx = Vertx.vertx();
        // The ladder's tests draft generated shots, so they need the real (built-in) generator.
        RenderTools tools = ladder ? RenderTools.fromConfiguration() : new RenderTools(() -> null, () -> null);
        EngineMetrics metrics = new EngineMetrics();
        // As serve wires it: damaged visits someone pins are rendered again.
        io.branchline.engine.trust.Provenance provenance = new io.branchline.engine.trust.Provenance(Signed.CREDENTIAL, tools);
        StoreHealing render = new StoreHealing(vertx, store, new StoreRender(store, tools).signing(provenance), dir.resolve("render-jobs"));
        healing.run();
        healing = store.listen(render);
        this.metrics = metrics;
        await(vertx.deployVerticle(new RenderWorkerVerticle(renderWrap.apply(render), slots, metrics).ladder(ladder)));
        sessions = configure.apply(new SessionService(vertx, catalog, store, tools, dir.resolve("sessions"), metrics).ladder(ladder)
                .provenance(provenance));
        server = new HttpVerticle(catalog, sessions, store, metrics, "localhost", 0).certificate(Signed.CREDENTIAL.chain());
        await(vertx.deployVerticle(server));
        port = server.actualPort();
        client = WebClient.create(vertx);
    }

    /** Stops Vert.x and starts the engine again on the same folders. */
    public void restart() throws Exception {
        await(vertx.close());
        deploy();
    }

    /**
     * The session's media playlist once it lists {@code needle}, read again and again for at most
     * 30 s (a request for a playlist with nothing listed is held up to 10 s); fails the test after.
     */
    public String playlistWith(String id, String needle) throws Exception {
        String playlist = "";
        long until = System.nanoTime() + 30_000_000_000L;
        while (!playlist.contains(needle) && System.nanoTime() < until) {
            playlist = get("/sessions/" + id + "/index.m3u8", null).bodyAsString();
            if (!playlist.contains(needle)) {
                Thread.sleep(50);
            }
        }
        org.junit.jupiter.api.Assertions.assertTrue(playlist.contains(needle), playlist);
        return playlist;
    }

    public static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    /** GET {@code path}, with the session token as a bearer when not null. */
    public HttpResponse<Buffer> get(String path, String token) throws Exception {
        var req = client.get(port, "localhost", path);
        if (token != null) {
            req.putHeader("Authorization", "Bearer " + token);
        }
        return await(req.send());
    }

    /** POST {@code body} (JSON, or nothing when null) to {@code path}, with the token as a bearer when not null. */
    public HttpResponse<Buffer> post(String path, String token, String body) throws Exception {
        var req = client.post(port, "localhost", path).putHeader("Content-Type", "application/json");
        if (token != null) {
            req.putHeader("Authorization", "Bearer " + token);
        }
        return await(body == null ? req.send() : req.sendBuffer(Buffer.buffer(body)));
    }

    @Override
    public void close() throws Exception {
        await(vertx.close());
        store.close();
    }
}
