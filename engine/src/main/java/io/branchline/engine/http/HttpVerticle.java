package io.branchline.engine.http;

import io.branchline.engine.metrics.EngineMetrics;
import io.branchline.engine.session.SessionService;
import io.branchline.engine.store.SegmentStore;
import io.branchline.engine.stories.StoryCatalog;
import io.branchline.engine.stories.StoryPosters;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/** The HTTP face of the engine: routes requests to plain handlers and starts the server. */
public final class HttpVerticle extends VerticleBase {

    private final StoryCatalog catalog;
    private final SessionService sessions;
    private final SegmentStore store;
    private final EngineMetrics metrics;
    private final String host;
    private final int port;
    private HttpServer server;
    private Router router;
    private java.util.List<String> allowedOrigins = java.util.List.of("*");
    private java.util.List<String> allowedHosts = java.util.List.of();
    private ServerLimits limits = ServerLimits.fromSystemProperties();
    private AuthorToken authorToken;
    private Readiness readiness = Readiness.ALWAYS;
    private java.util.function.Supplier<io.vertx.core.json.JsonObject> cluster;

    /** The studio's routes: for authors only, never shared with other sites (no CORS). */
    static final java.util.List<String> STUDIO_PATHS = java.util.List.of("/api/stories/:id/studio", "/api/stories/:id/source",
            "/api/stories/:id/changes", "/api/stories/:id/stats", "/studio/:story");
    private static final java.util.regex.Pattern STUDIO_API = java.util.regex.Pattern.compile("/api/stories/[^/]+/(studio|source|changes|stats|check)(/.*)?");

    /** {@code GET /api/cluster} of an engine that is not clustered. */
    static final io.vertx.core.json.JsonObject NOT_CLUSTERED = new io.vertx.core.json.JsonObject().put("clustered", false)
            .put("nodes", new io.vertx.core.json.JsonArray());

    public HttpVerticle(StoryCatalog catalog, String host, int port) {
        this(catalog, null, null, null, host, port);
    }

    public HttpVerticle(StoryCatalog catalog, SessionService sessions, SegmentStore store, String host, int port) {
        this(catalog, sessions, store, null, host, port);
    }

    /** With sessions, stored segments and metrics (any may be null): {@code sessions} is started on this verticle's event loop. */
    public HttpVerticle(StoryCatalog catalog, SessionService sessions, SegmentStore store, EngineMetrics metrics, String host, int port) {
        this.catalog = catalog;
        this.metrics = metrics;
        this.sessions = sessions;
        this.store = store;
        this.host = host;
        this.port = port;
    }

    /**
     * The origins whose pages may call the API, fetch segments and load the player (CORS), so the
     * player element works on other sites; {@code *} (the default) allows every site. Set before
     * deploying.
     */
    public HttpVerticle allowOrigins(java.util.List<String> origins) {
        this.allowedOrigins = java.util.List.copyOf(origins);
        return this;
    }

    /** Host names, besides localhost, IP addresses and the bound address, that requests may name (see {@link HostAllowList}). */
    public HttpVerticle allowHosts(java.util.List<String> hosts) {
        this.allowedHosts = java.util.List.copyOf(hosts);
        return this;
    }

    /** Timeouts, the connection cap and request sizes (default: {@link ServerLimits#fromSystemProperties()}). */
    public HttpVerticle limits(ServerLimits limits) {
        this.limits = limits;
        return this;
    }

    /** The token the studio asks of authors; null (the default) asks none, for a server on loopback only. */
    public HttpVerticle authorToken(AuthorToken token) {
        this.authorToken = token;
        return this;
    }

    /**
     * What {@code GET /api/cluster} answers when the engine is clustered: its render nodes and
     * leases (see {@code ClusterNodes#toJson}). Unset (the default), it answers that clustering is off.
     */
    public HttpVerticle cluster(java.util.function.Supplier<io.vertx.core.json.JsonObject> view) {
        this.cluster = view;
        return this;
    }

    /** What {@code /health/ready} answers (the default: ready as soon as the server listens). */
    private String certificate;

    public HttpVerticle readiness(Readiness readiness) {
        this.readiness = readiness;
        return this;
    }

    /** The certificate chain the server signs video with, served at {@code /.well-known/branchline-cert.pem}. */
    public HttpVerticle certificate(java.util.List<java.security.cert.X509Certificate> chain) {
        this.certificate = io.branchline.engine.trust.SigningIdentity.pem(chain);
        return this;
    }

    @Override
    public Future<?> start() {
        router = Router.router(vertx);
        router.route().order(-1900).handler(new RequestChecks(new HostAllowList(host, allowedHosts))::check);
        // HEAD wherever GET is answered: routed as the GET it mirrors; the server sends the
        // status and headers (Content-Length included) and leaves the body out.
        // (A route for every method, not one for HEAD: that would make every other path "matched
        // but for its method", 405 instead of 404.)
        router.route().order(-1000).handler(ctx -> {
            if (ctx.request().method() == io.vertx.core.http.HttpMethod.HEAD && ctx.get("branchline.head") == null) {
                ctx.put("branchline.head", Boolean.TRUE);
                ctx.reroute(io.vertx.core.http.HttpMethod.GET, ctx.request().uri());
            } else {
                ctx.next();
            }
        });
        io.vertx.ext.web.handler.CorsHandler cors = io.vertx.ext.web.handler.CorsHandler.create()
                .allowedMethods(java.util.Set.of(io.vertx.core.http.HttpMethod.GET, io.vertx.core.http.HttpMethod.HEAD, io.vertx.core.http.HttpMethod.POST))
                .allowedHeaders(java.util.Set.of("Authorization", "Content-Type"))
                .exposedHeaders(java.util.Set.of("Location", "Retry-After", "ETag", "Content-Range"))
                .maxAgeSeconds(600);
        if (!allowedOrigins.contains("*")) {
            cors.addOrigins(allowedOrigins);
        }
        for (String shared : java.util.List.of("/api/*", "/sessions/*", "/segments/*", "/player/*")) {
            // The studio's APIs get no CORS at all: another site's page must not read unpublished stories.
            router.route(shared).handler(ctx -> {
                if (STUDIO_API.matcher(ctx.request().path()).matches()) {
                    ctx.next();
                } else {
                    cors.handle(ctx);
                }
            });
        }
        StudioGate gate = new StudioGate(authorToken);
        for (String studioPath : STUDIO_PATHS) {
            router.get(studioPath).handler(gate::check);
        }
        // The editor's routes: the same gate before anything is read, compiled or written.
        router.post("/api/stories/:id/check").handler(gate::check);
        router.put("/api/stories/:id/source/:file").handler(gate::check);
        StoriesApi stories = new StoriesApi(catalog, sessions == null ? null : new StoryPosters(vertx, catalog, sessions.tools()));
        router.get("/api/stories").handler(stories::list);
        router.get("/api/stories/:id").handler(stories::one);
        if (sessions != null) {
            SessionsApi api = new SessionsApi(sessions);
            // A session parked out of memory (nobody touched it for a while) comes back when its viewer does.
            io.vertx.core.Handler<io.vertx.ext.web.RoutingContext> wake = ctx -> sessions.wake(ctx.pathParam("id")).onComplete(done -> ctx.next());
            // On each POST route rather than on /api/*: a route that matches every path would turn
            // "wrong method" (405) into 404.
            BodyHandler body = BodyHandler.create().setBodyLimit(16 * 1024).setHandleFileUploads(false);
            router.post("/api/stories/:id/sessions").handler(body).handler(api::create);
            router.get("/api/stories/:id/stats").handler(api::stats);
            StudioApi studio = new StudioApi(vertx, catalog, new io.branchline.engine.studio.StudioService(vertx, catalog, store, sessions));
            router.get("/api/stories/:id/studio").handler(studio::studio);
            router.get("/api/stories/:id/source").handler(studio::source);
            router.get("/api/stories/:id/changes").handler(studio::changes);
            // A story file and its JSON wrapping: the editor's limit plus room for escapes.
            BodyHandler editorBody = BodyHandler.create().setBodyLimit(4L * io.branchline.engine.studio.StudioSources.MAX_TEXT_BYTES)
                    .setHandleFileUploads(false);
            router.post("/api/stories/:id/check").handler(editorBody).handler(studio::check);
            router.put("/api/stories/:id/source/:file").handler(editorBody).handler(studio::save);
            router.get("/api/stories/:id/poster.jpg").handler(stories::poster);
            router.get("/api/sessions/:id").handler(wake).handler(api::view);
            router.post("/api/sessions/:id/choices").handler(body).handler(wake).handler(api::choose);
            router.post("/api/sessions/:id/answers").handler(body).handler(wake).handler(api::answer);
            router.post("/api/sessions/:id/back").handler(body).handler(wake).handler(api::back);
            router.post("/api/sessions/:id/position").handler(body).handler(wake).handler(api::position);
            router.get("/api/sessions/:id/events").handler(wake).handler(new SessionEvents(sessions)::stream);
            router.get("/sessions/:id/index.m3u8").handler(wake).handler(api::playlist);
            router.get("/sessions/:id/main.m3u8").handler(wake).handler(api::multivariant);
            router.get("/sessions/:id/captions.m3u8").handler(wake).handler(api::captionsPlaylist);
            router.get("/sessions/:id/captions/:file").handler(wake).handler(api::captions);
            router.get("/sessions/:id/init.mp4").handler(wake).handler(api::init);
            router.get("/sessions/:id/segments/:name").handler(wake).handler(api::segment);
        }
        if (store != null) {
            router.get("/segments/:key/:name").handler(new SegmentsApi(store, metrics)::serve);
        }
        router.get("/api/cluster").handler(ctx -> ctx.response().putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store").end((cluster != null ? cluster.get() : NOT_CLUSTERED).encode()));
        if (metrics != null) {
            router.get("/metrics").handler(ctx -> ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                    .end(metrics.scrape()));
        }
        if (certificate != null) {
            String pem = certificate;
            router.get("/.well-known/branchline-cert.pem").handler(ctx -> ctx.response()
                    .putHeader("Content-Type", "application/x-pem-file").putHeader("Cache-Control", "no-cache").end(pem));
        }
        Health health = new Health(readiness);
        router.get("/health/live").handler(health::live);
        router.get("/health/ready").handler(health::ready);
        router.get("/openapi.yaml").handler(StaticResources.resource("openapi.yaml", "application/yaml"));
        new WebPages().mount(router);
        router.errorHandler(404, ctx -> Problems.send(ctx, 404, "Not found",
                "nothing is served at " + ctx.request().path() + "; the API is described at /openapi.yaml"));
        router.errorHandler(405, ctx -> {
            ctx.response().putHeader("Allow", AllowedMethods.at(router, ctx.request().path()));
            Problems.send(ctx, 405, "Method not allowed", ctx.request().method() + " is not answered at " + ctx.request().path()
                    + "; Allow lists the methods that are");
        });
        router.route().failureHandler(HttpFailures::answer);
        Future<?> ready = sessions == null ? Future.succeededFuture() : sessions.start();
        return ready.compose(v -> {
            // The connection cap and the header timeout hold where Vert.x was made with
            // GuardedTransport.vertx(limits); the idle timeout and sizes hold everywhere.
            return vertx.createHttpServer(limits.options()).invalidRequestHandler(RequestChecks::invalid).requestHandler(router)
                    .listen(port, host);
        }).onSuccess(s -> server = s);
    }

    /** The paths this server answers, as written in its routes (for checking the API description). */
    public java.util.List<String> paths() {
        return router.getRoutes().stream().map(io.vertx.ext.web.Route::getPath).filter(java.util.Objects::nonNull).distinct().toList();
    }

    /** Connections open now (for tests of the limits). */
    public int openConnections() {
        return GuardedTransport.openConnections(vertx);
    }

    /** The port actually bound (useful when 0 asked for any free port). */
    public int actualPort() {
        return server.actualPort();
    }
}
