package io.branchline.engine.cli;

import io.branchline.engine.policy.PromptPolicy;
import io.branchline.engine.http.HttpVerticle;
import io.branchline.engine.metrics.EngineMetrics;
import io.branchline.engine.render.FirstScenes;
import io.branchline.engine.render.RenderSlots;
import io.branchline.engine.render.RenderWorkerVerticle;
import io.branchline.engine.render.StoreHealing;
import io.branchline.engine.render.StoreRender;
import io.branchline.engine.session.SessionService;
import io.branchline.engine.store.SegmentStore;
import io.branchline.renderer.RenderTools;
import java.io.IOException;
import io.branchline.engine.stories.StoriesVerticle;
import io.branchline.engine.stories.StoryCatalog;
import io.branchline.engine.stories.StoryEntry;
import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code branchline serve}: starts the engine with a folder of stories. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Starts the Branchline server with a folder of stories and prints the address to open.",
                "Stories are recompiled when their files change; a story with errors is listed with its diagnostics but not served."})
final class ServeCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "STORIES_DIR", description = "the folder of stories (default: the bundled stories/)")
    Path stories;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080", description = "the port to listen on (default ${DEFAULT-VALUE}; 0 for any free port)")
    int port;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "localhost", description = "the address to listen on (default ${DEFAULT-VALUE}; 0.0.0.0 for every interface)")
    String host;

    @Option(names = "--data", defaultValue = "data", paramLabel = "DIR",
            description = "where sessions and rendered segments are kept across restarts (default ./${DEFAULT-VALUE})")
    Path data;

    @CommandLine.Mixin
    SigningFlags signing = new SigningFlags();

    @CommandLine.Mixin
    ModelsFlag modelsFlag = new ModelsFlag();

    @Option(names = "--render-slots", paramLabel = "N",
            description = "scene renders at once (default: one per core this process may use, at most 8)")
    Integer renderSlots;

    @Option(names = "--render-ladder", paramLabel = "on|off", defaultValue = "on",
            description = "render a cheaper draft of a scene when full quality cannot be ready before a viewer needs it,"
                    + " and full quality after it (default ${DEFAULT-VALUE})")
    String renderLadder;

    @Option(names = "--store-gb", paramLabel = "GB", defaultValue = "10", description = "disk space for rendered segments, in GB (default ${DEFAULT-VALUE})")
    long storeGb;

    @Option(names = "--allow-origin", paramLabel = "ORIGIN", defaultValue = "*",
            description = "a site whose pages may embed the player element (repeatable, e.g. https://example.com; default ${DEFAULT-VALUE}: any site)")
    java.util.List<String> allowOrigins;

    @Option(names = "--allow-host", paramLabel = "NAME",
            description = "a host name requests may be addressed to, besides localhost, IP addresses and --host (repeatable, e.g. stories.example.com)")
    java.util.List<String> allowHosts = new java.util.ArrayList<>();

    @Option(names = "--worker-bridge", paramLabel = "PORT",
            description = "let GPU workers in any language connect through the Vert.x TCP event bus bridge on this port and make"
                    + " the generated shots (docs/scale-out.md, \"Workers in any language\"); off by default")
    Integer workerBridge;

    @Option(names = "--worker-bridge-host", paramLabel = "ADDRESS", defaultValue = "localhost",
            description = "the address the worker bridge listens on (default ${DEFAULT-VALUE}; the bridge has no authentication:"
                    + " open it beyond this machine only on a private network)")
    String workerBridgeHost;

    @CommandLine.Mixin
    ClusterFlags clusterFlags = new ClusterFlags();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Renders at once when clustered: each waits for a render node, so the nodes' slots are the real limit. */
    static final int CLUSTER_RENDER_SLOTS = 32;

    /** Whether {@code host} is this machine only, where the studio needs no token. */
    private static boolean loopback(String host) {
        try {
            return java.net.InetAddress.getByName(host).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        Path folder = stories != null ? stories : BundledStories.folder();
        if (!Files.isDirectory(folder)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no such folder of stories: '" + folder + "'");
        }
        if (port < 0 || port > 65535) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--port must be from 0 to 65535, not " + port);
        }
        for (String name : allowHosts) {
            if (!name.matches("[A-Za-z0-9]([A-Za-z0-9.-]{0,252})")) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--allow-host takes a host name such as stories.example.com"
                        + " (no scheme, port or path), not '" + name + "'");
            }
        }
        for (String origin : allowOrigins) {
            if (!origin.equals("*") && !origin.matches("https?://[A-Za-z0-9.-]+(:\\d{1,5})?")) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--allow-origin takes * or an origin such as https://example.com"
                        + " (scheme, host and optional port, no path), not '" + origin + "'");
            }
        }
        if (workerBridge != null && (workerBridge < 1 || workerBridge > 65535)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--worker-bridge must be a port from 1 to 65535, not " + workerBridge);
        }
        if (renderSlots == null) {
            // Clustered, a slot is a render waiting on a node, not a core of this machine.
            renderSlots = clusterFlags.cluster ? CLUSTER_RENDER_SLOTS : RenderSlots.forThisMachine();
        }
        if (renderSlots < 1 || storeGb < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--render-slots and --store-gb must be at least 1");
        }
        if (!renderLadder.equals("on") && !renderLadder.equals("off")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--render-ladder takes on or off, not '" + renderLadder + "'");
        }
        PrintWriter out = spec.commandLine().getOut();
        java.nio.file.Path models;
        try {
            models = modelsFlag.folder();
        } catch (ModelsFlag.Unusable e) {
            spec.commandLine().getErr().println("branchline serve: cannot use the models folder: " + e.getMessage());
            return 1;
        }
        StoryCatalog catalog = new StoryCatalog(folder);
        SegmentStore store;
        try {
            store = SegmentStore.open(data.resolve("store"), storeGb << 30);
        } catch (IOException | IllegalStateException e) {
            spec.commandLine().getErr().println("branchline serve: cannot use the data folder " + data + ": " + e.getMessage());
            return 1;
        }
        int serverId;
        try {
            serverId = io.branchline.engine.trust.ServerId.loadOrCreate(data);
        } catch (IOException e) {
            spec.commandLine().getErr().println("branchline serve: cannot keep the server id in " + data + ": " + e.getMessage());
            return 1;
        }
        io.branchline.renderer.provenance.Credential credential;
        try {
            credential = signing.credential(data, serverId);
        } catch (IOException | io.branchline.engine.trust.SigningIdentity.Unusable e) {
            spec.commandLine().getErr().println("branchline serve: cannot use the signing key: " + e.getMessage());
            return 1;
        }
        io.branchline.engine.http.ServerLimits limits = io.branchline.engine.http.ServerLimits.fromSystemProperties();
        Vertx vertx;
        if (clusterFlags.cluster) {
            try {
                long t0 = System.nanoTime();
                vertx = io.branchline.engine.cluster.Clustering.vertx(clusterFlags.options(),
                        io.branchline.engine.http.GuardedTransport.transport(limits)).await();
                out.println("Joined the cluster in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
            } catch (Exception e) {
                spec.commandLine().getErr().println("branchline serve: could not join the cluster: " + e.getMessage());
                return 1;
            }
        } else {
            vertx = io.branchline.engine.http.GuardedTransport.vertx(limits);
        }
        // GPU workers, when the operator lets them in, make the generated shots (docs/scale-out.md).
        io.branchline.engine.worker.WorkerBridge workers = workerBridge == null ? null : new io.branchline.engine.worker.WorkerBridge(vertx);
        // Generated frames carry the invisible watermark of this server (docs/trust.md).
        RenderTools tools = workers == null
                ? RenderTools.fromConfiguration(PromptPolicy.configured().version(), java.util.OptionalInt.of(serverId), models)
                : RenderTools.withGenerator(new io.branchline.engine.worker.BridgeFrameGenerator(workers), PromptPolicy.configured().version(),
                        java.util.OptionalInt.of(serverId), models);
        io.branchline.engine.trust.Provenance provenance = new io.branchline.engine.trust.Provenance(credential, tools);
        io.branchline.engine.http.AuthorToken author;
        try {
            author = loopback(host) ? null : io.branchline.engine.http.AuthorToken.loadOrCreate(data);
        } catch (IOException e) {
            vertx.close();
            spec.commandLine().getErr().println("branchline serve: cannot keep the author token in " + data + ": " + e.getMessage());
            return 1;
        }
        EngineMetrics metrics = new EngineMetrics();
        SessionService sessions = new SessionService(vertx, catalog, store, tools, data.resolve("sessions"), metrics)
                .ladder(renderLadder.equals("on")).provenance(provenance);
        // Damaged visits that someone pins are rendered again; each key's job is remembered as it renders.
        // Clustered, renders go to the render nodes through the lease dispatcher; the scheduler stays here.
        io.branchline.engine.cluster.LeaseDispatchVerticle dispatch = clusterFlags.cluster
                ? new io.branchline.engine.cluster.LeaseDispatchVerticle("engine-" + Integer.toHexString(serverId)) : null;
        io.branchline.engine.render.RenderFunction renders = dispatch != null
                ? new io.branchline.engine.cluster.RemoteRender(store, dispatch)
                : new StoreRender(store, tools).signing(provenance);
        StoreHealing render = new StoreHealing(vertx, store, io.branchline.engine.render.LateRender.fromProperties(renders),
                data.resolve("render-jobs"));
        store.listen(render);
        FirstScenes firstScenes = new FirstScenes(vertx, catalog, store, tools);
        HttpVerticle http = new HttpVerticle(catalog, sessions, store, metrics, host, port).allowOrigins(allowOrigins).allowHosts(allowHosts)
                .limits(limits).authorToken(author).readiness(firstScenes).certificate(credential.chain());
        if (dispatch != null) {
            io.branchline.engine.cluster.ClusterMeters.bind(dispatch.view(), metrics.registry());
            http.cluster(dispatch.view()::toJson);
        }
        try {
            (dispatch != null ? vertx.deployVerticle(dispatch) : io.vertx.core.Future.succeededFuture(""))
                    .compose(id -> vertx.deployVerticle(new StoriesVerticle(catalog, 1000)))
                    .compose(id -> vertx.deployVerticle(new RenderWorkerVerticle(render, renderSlots, metrics, tools).ladder(renderLadder.equals("on")).followMachine()))
                    .compose(id -> vertx.deployVerticle(http))
                    .compose(id -> workers == null ? io.vertx.core.Future.succeededFuture() : workers.listen(workerBridgeHost, workerBridge))
                    .await();
            // On a context of its own, so its timer runs on an event loop.
            vertx.getOrCreateContext().runOnContext(v -> firstScenes.start());
        } catch (Exception e) {
            vertx.close();
            spec.commandLine().getErr().println("branchline serve: could not start: " + e.getMessage()
                    + (e.getMessage() != null && e.getMessage().contains("in use") ? " (another program uses port " + port + "; try --port)" : ""));
            return 1;
        }
        // One line when all is well; a line more for each story that needs the author's attention.
        for (StoryEntry e : catalog.stories().values()) {
            if (!e.servable()) {
                out.println("  not served: " + e.id() + " has " + CheckCommand.plural(e.result().errorCount(), "error", "errors")
                        + " (./branchline check " + e.mainFile() + " shows them; it is served once they are fixed)");
            }
        }
        out.println(ServeBanner.line(catalog.stories().values(), folder, "http://" + ("0.0.0.0".equals(host) ? "localhost" : host)
                + ":" + http.actualPort() + "/"));
        if (workers == null && models != null && io.branchline.renderer.models.ModelsDirectory.sdTurbo(models).present()) {
            out.println("Generated shots come from the SD-Turbo export in " + models + " (docs/models.md)");
        }
        if (workers != null) {
            out.println("GPU workers may connect to the worker bridge at " + workerBridgeHost + ":" + workerBridge
                    + "  (python3 workers/python/worker.py --port " + workerBridge + "); generated shots wait for one");
        }
        if (author != null) {
            out.println("The studio is open to authors only: open a studio page once as /studio/STORY?author=" + author.value()
                    + "  (the token is kept in " + data.resolve(io.branchline.engine.http.AuthorToken.FILE) + ")");
        }
        out.flush();
        // Stopped in order (renders cancelled and waited for, then models, then store).
        return new EngineStop(vertx, tools, store, out).untilAsked();
    }
}
