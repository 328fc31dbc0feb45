package io.branchline.engine.cluster;

import io.branchline.engine.cluster.ClusterWire.Done;
import io.branchline.engine.cluster.ClusterWire.Hello;
import io.branchline.engine.cluster.ClusterWire.Leased;
import io.branchline.engine.cluster.ClusterWire.Leases;
import io.branchline.engine.cluster.ClusterWire.Pull;
import io.branchline.engine.cluster.ClusterWire.Renew;
import io.branchline.engine.cluster.ClusterWire.Renewed;
import io.branchline.engine.cluster.ClusterWire.Welcome;
import io.branchline.engine.render.RenderAddresses;
import io.branchline.engine.render.RenderFunction;
import io.branchline.engine.render.RenderOutcome;
import io.branchline.engine.store.SegmentStore;
import io.branchline.renderer.RenderCancel;
import io.branchline.renderer.RenderCancelled;
import io.branchline.renderer.RenderException;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A render node's end of the lease protocol (docs/scale-out.md): says hello to the engine, pulls
 * jobs while it has free slots, renders each into its own store on a worker thread, renews its
 * leases while they render, stops a render whose lease it lost, reports each job done, and serves
 * its store's visits at {@code /segments/KEY/NAME} (and their manifests at
 * {@code /segments/KEY/scene.json}) for the engine to fetch. The rendering is a plain
 * {@link RenderFunction}.
 *
 * <p>A node whose version the engine refuses fails to start, with the engine's message.
 */
public final class RenderNodeVerticle extends VerticleBase {

    private static final System.Logger LOG = System.getLogger("branchline.cluster");

    private final String nodeId;
    private final RenderFunction render;
    private final SegmentStore store;
    private final int slots;
    private final String host;
    private final int port;
    private final String advertisedHost;
    private final Map<String, RenderCancel> running = new HashMap<>();
    private WorkerExecutor workers;
    private HttpServer server;
    private long renewMs = 1_500;
    private long renewTimer = -1;
    private boolean pulling;
    private boolean stopping;
    private String url;
    private String version = ClusterVersion.current();
    private String device = "cpu";
    private final NodeCounters counters;
    private final io.branchline.engine.metrics.EngineMetrics metrics;

    /**
     * @param advertisedHost the host the engine reaches this node's HTTP server at
     */
    /** Says this node renders on {@code cuda} (started with {@code --gpu}) or {@code cpu}; before deployment. */
    public RenderNodeVerticle device(String device) {
        this.device = device;
        return this;
    }

    public RenderNodeVerticle(String nodeId, RenderFunction render, SegmentStore store, int slots, String host, int port, String advertisedHost) {
        this.nodeId = nodeId;
        this.render = render;
        this.store = store;
        this.slots = slots;
        this.host = host;
        this.port = port;
        this.advertisedHost = advertisedHost;
        this.counters = new NodeCounters(nodeId, slots);
        this.metrics = NodeMetrics.of(counters);
    }

    /** What this node counts about itself (its {@code /metrics} and the status it advertises read it). */
    public NodeCounters counters() {
        return counters;
    }

    /** This node says it runs {@code v} (before deploying; for tests of a refusal). */
    public RenderNodeVerticle version(String v) {
        this.version = v;
        return this;
    }

    /** The URL the node serves its segments at, once started. */
    public String url() {
        return url;
    }

    @Override
    public Future<?> start() {
        workers = vertx.createSharedWorkerExecutor("branchline-node-render-" + nodeId, slots, 30, TimeUnit.MINUTES);
        Router router = Router.router(vertx);
        router.get("/segments/:key/:name").handler(ctx -> {
            String key = ctx.pathParam("key");
            String name = ctx.pathParam("name");
            try {
                if (name.equals("scene.json")) {
                    store.manifest(key).ifPresentOrElse(
                            bytes -> ctx.response().putHeader("Content-Type", "application/json").end(Buffer.buffer(bytes)),
                            () -> ctx.response().setStatusCode(404).end());
                } else {
                    store.file(key, name).ifPresentOrElse(
                            f -> ctx.response().putHeader("Content-Type", f.contentType()).putHeader("ETag", f.etag()).sendFile(f.path().toString()),
                            () -> ctx.response().setStatusCode(404).end());
                }
            } catch (IllegalArgumentException bad) {
                ctx.response().setStatusCode(400).end();
            }
        });
        router.get("/health").handler(ctx -> ctx.json(Map.of("node", nodeId, "slots", slots, "busy", running.size())));
        router.get("/metrics").handler(ctx -> ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                .end(metrics.scrape()));
        return vertx.createHttpServer().requestHandler(router).listen(port, host)
                .compose(s -> {
                    server = s;
                    url = "http://" + advertisedHost + ":" + s.actualPort();
                    return hello();
                })
                .map(welcome -> {
                    renewMs = welcome.renewMs();
                    renewTimer = vertx.setPeriodic(renewMs, t -> {
                        renew();
                        advertise();
                    });
                    advertise();
                    LOG.log(Level.INFO, "render node " + nodeId + " joined engine " + welcome.engine() + " with " + slots
                            + " slots; leases last " + welcome.leaseMs() + " ms, renewed every " + renewMs + " ms");
                    pull();
                    return welcome;
                });
    }

    /** Says hello until an engine answers; fails at once on a refusal. */
    private Future<Welcome> hello() {
        Buffer hello = ClusterWire.write(new Hello(nodeId, version, slots, url, device));
        return vertx.eventBus().<Buffer>request(ClusterWire.HELLO, hello, new DeliveryOptions().setSendTimeout(5_000))
                .map(m -> ClusterWire.read(m.body(), Welcome.class))
                .recover(e -> {
                    if (e instanceof ReplyException r && r.failureCode() == ClusterWire.WRONG_VERSION) {
                        LOG.log(Level.ERROR, "the engine refused this render node: " + r.getMessage());
                        return Future.failedFuture(new IllegalStateException(r.getMessage()));
                    }
                    if (stopping) {
                        return Future.failedFuture(e);
                    }
                    // No engine yet (NO_HANDLERS) or it is slow: ask again.
                    return Future.<Void>future(p -> vertx.setTimer(500, t -> p.complete())).compose(v -> hello());
                });
    }

    private void pull() {
        int free = slots - running.size();
        if (pulling || stopping || free < 1) {
            return;
        }
        pulling = true;
        vertx.eventBus().<Buffer>request(ClusterWire.PULL, ClusterWire.write(new Pull(nodeId, version, free)),
                        new DeliveryOptions().setSendTimeout(ClusterWire.PULL_WAIT_MS + 4_000))
                .onComplete(ar -> {
                    pulling = false;
                    if (stopping) {
                        return;
                    }
                    if (ar.succeeded()) {
                        Leases leases = ClusterWire.read(ar.result().body(), Leases.class);
                        leases.leases().forEach(this::run);
                        pull();
                    } else if (ar.cause() instanceof ReplyException r && r.failureCode() == ClusterWire.UNKNOWN_NODE) {
                        LOG.log(Level.WARNING, "the engine does not know this node (it restarted?); saying hello again");
                        hello().onSuccess(w -> pull());
                    } else {
                        vertx.setTimer(500, t -> pull()); // the engine is away or restarting
                    }
                });
    }

    private void run(Leased leased) {
        RenderCancel cancel = new RenderCancel();
        running.put(leased.id(), cancel);
        LOG.log(Level.INFO, "rendering " + leased.id() + " (attempt " + leased.attempt() + ")");
        long t0 = System.nanoTime();
        counters.started();
        workers.<RenderOutcome>executeBlocking(() -> {
                    vertx.eventBus().send(ClusterWire.STARTED, ClusterWire.write(new ClusterWire.Started(nodeId, leased.id())));
                    return render.render(leased.job(), i -> { }, cancel);
                }, false)
                .onComplete(ar -> {
                    running.remove(leased.id());
                    counters.ended(ar.succeeded() ? Boolean.TRUE
                            : ar.cause() instanceof RenderCancelled ? null : Boolean.FALSE);
                    Done done;
                    if (ar.succeeded()) {
                        done = new Done(nodeId, leased.id(), ar.result(), storedKey(leased.job()), 0, null);
                        LOG.log(Level.INFO, "rendered " + leased.id() + " in " + (System.nanoTime() - t0) / 1_000_000 + " ms (attempt "
                                + leased.attempt() + ")");
                    } else if (ar.cause() instanceof RenderCancelled c) {
                        done = new Done(nodeId, leased.id(), null, null, RenderAddresses.CANCELLED, c.getMessage());
                    } else if (ar.cause() instanceof RenderException bad) {
                        done = new Done(nodeId, leased.id(), null, null, RenderAddresses.FAILED_INPUT, bad.getMessage());
                    } else {
                        LOG.log(Level.ERROR, "render of " + leased.id() + " failed", ar.cause());
                        done = new Done(nodeId, leased.id(), null, null, RenderAddresses.FAILED_INTERNAL, String.valueOf(ar.cause()));
                    }
                    report(done, 1);
                    pull();
                });
    }

    /** The key the store holds the job's visit under: its tier's, or a better tier's. */
    private String storedKey(io.branchline.engine.render.RenderJob job) {
        io.branchline.renderer.RenderTier tier = job.renderTier();
        for (io.branchline.renderer.RenderTier t : io.branchline.renderer.RenderTier.values()) {
            if ((t == tier || t.betterThan(tier)) && store.scene(t.key(job.key())).isPresent()) {
                return t.key(job.key());
            }
        }
        return job.tierKey();
    }

    private void report(Done done, int attempt) {
        vertx.eventBus().request(ClusterWire.DONE, ClusterWire.write(done), new DeliveryOptions().setSendTimeout(30_000))
                .onFailure(e -> {
                    if (attempt < 5 && !stopping) {
                        vertx.setTimer(500L * attempt, t -> report(done, attempt + 1));
                    } else {
                        // The lease lapses and the job goes to another node; this render stays in the store for a retry.
                        LOG.log(Level.WARNING, "could not report " + done.id() + " done: " + e.getMessage());
                    }
                });
    }

    /** Tells the engine what this node has and has done (no reply: the next one follows a renewal period later). */
    private void advertise() {
        if (!stopping) {
            vertx.eventBus().send(ClusterWire.STATUS, ClusterWire.write(counters.status()));
        }
    }

    private void renew() {
        if (running.isEmpty()) {
            return;
        }
        List<String> ids = new ArrayList<>(running.keySet());
        vertx.eventBus().<Buffer>request(ClusterWire.RENEW, ClusterWire.write(new Renew(nodeId, ids)), new DeliveryOptions().setSendTimeout(renewMs))
                .onSuccess(m -> {
                    for (String lost : ClusterWire.read(m.body(), Renewed.class).lost()) {
                        RenderCancel c = running.get(lost);
                        if (c != null) {
                            counters.leaseLost();
                            LOG.log(Level.WARNING, "lost the lease of " + lost + "; stopping its render");
                            c.cancel("its lease went to another node");
                        }
                    }
                });
    }

    @Override
    public Future<?> stop() {
        stopping = true;
        vertx.cancelTimer(renewTimer);
        running.values().forEach(c -> c.cancel("the render node is stopping"));
        Future<?> closed = server == null ? Future.succeededFuture() : server.close();
        return closed.compose(v -> workers == null ? Future.succeededFuture() : workers.close());
    }
}
