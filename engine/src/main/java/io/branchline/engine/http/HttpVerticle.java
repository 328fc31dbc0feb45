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

    @Override
    public Future<?> start() {
        router = Router.router(vertx);
        // HEAD wherever GET is answered: routed as the GET it mirrors; the server sends the
        // status and headers (Content-Length included) and leaves the body out.
        router.route().method(io.vertx.core.http.HttpMethod.HEAD).order(-1000).handler(ctx -> ctx.reroute(io.vertx.core.http.HttpMethod.GET,
                ctx.request().uri()));
        io.vertx.ext.web.handler.CorsHandler cors = io.vertx.ext.web.handler.CorsHandler.create()
                .allowedMethods(java.util.Set.of(io.vertx.core.http.HttpMethod.GET, io.vertx.core.http.HttpMethod.HEAD, io.vertx.core.http.HttpMethod.POST))
                .allowedHeaders(java.util.Set.of("Authorization", "Content-Type"))
                .exposedHeaders(java.util.Set.of("Location", "Retry-After", "ETag", "Content-Range"))
                .maxAgeSeconds(600);
        if (!allowedOrigins.contains("*")) {
            cors.addOrigins(allowedOrigins);
        }
        for (String shared : java.util.List.of("/api/*", "/sessions/*", "/segments/*", "/player/*")) {
            router.route(shared).handler(cors);
        }
        StoriesApi stories = new StoriesApi(catalog, sessions == null ? null : new StoryPosters(vertx, catalog, sessions.tools()));
        router.get("/api/stories").handler(stories::list);
        router.get("/api/stories/:id").handler(stories::one);
        if (sessions != null) {
            SessionsApi api = new SessionsApi(sessions);
            router.route("/api/*").handler(BodyHandler.create().setBodyLimit(16 * 1024).setHandleFileUploads(false));
            router.post("/api/stories/:id/sessions").handler(api::create);
            router.get("/api/stories/:id/stats").handler(api::stats);
            StudioApi studio = new StudioApi(vertx, catalog, new io.branchline.engine.studio.StudioService(vertx, catalog, store, sessions));
            router.get("/api/stories/:id/studio").handler(studio::studio);
            router.get("/api/stories/:id/source").handler(studio::source);
            router.get("/api/stories/:id/changes").handler(studio::changes);
            router.get("/api/stories/:id/poster.jpg").handler(stories::poster);
            router.get("/api/sessions/:id").handler(api::view);
            router.post("/api/sessions/:id/choices").handler(api::choose);
            router.post("/api/sessions/:id/answers").handler(api::answer);
            router.post("/api/sessions/:id/back").handler(api::back);
            router.post("/api/sessions/:id/position").handler(api::position);
            router.get("/api/sessions/:id/events").handler(new SessionEvents(sessions)::stream);
            router.get("/sessions/:id/index.m3u8").handler(api::playlist);
            router.get("/sessions/:id/main.m3u8").handler(api::multivariant);
            router.get("/sessions/:id/captions.m3u8").handler(api::captionsPlaylist);
            router.get("/sessions/:id/captions/:file").handler(api::captions);
            router.get("/sessions/:id/init.mp4").handler(api::init);
            router.get("/sessions/:id/segments/:name").handler(api::segment);
        }
        if (store != null) {
            router.get("/segments/:key/:name").handler(new SegmentsApi(store)::serve);
        }
        if (metrics != null) {
            router.get("/metrics").handler(ctx -> ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                    .end(metrics.scrape()));
        }
        router.get("/openapi.yaml").handler(StaticResources.resource("openapi.yaml", "application/yaml"));
        new WebPages().mount(router);
        router.route().last().handler(ctx -> Problems.send(ctx, 404, "Not found",
                "nothing is served at " + ctx.request().path() + "; the API is described at /openapi.yaml"));
        router.route().failureHandler(ctx -> {
            int status = ctx.statusCode() >= 400 ? ctx.statusCode() : 500;
            String detail = switch (status) {
                case 413 -> "the request body is larger than 16 kB; choices and answers are small JSON objects";
                case 500 -> "the server could not answer this request; it has been logged";
                default -> "the request could not be handled (" + status + ")";
            };
            Problems.send(ctx, status, status == 500 ? "Internal error" : status == 413 ? "Request too large" : "Request failed", detail);
            if (status == 500 && ctx.failure() != null) {
                System.getLogger("branchline.http").log(System.Logger.Level.ERROR, "request failed: " + ctx.request().path(), ctx.failure());
            }
        });
        Future<?> ready = sessions == null ? Future.succeededFuture() : sessions.start();
        return ready.compose(v -> vertx.createHttpServer().requestHandler(router).listen(port, host)).onSuccess(s -> server = s);
    }

    /** The paths this server answers, as written in its routes (for checking the API description). */
    public java.util.List<String> paths() {
        return router.getRoutes().stream().map(io.vertx.ext.web.Route::getPath).filter(java.util.Objects::nonNull).distinct().toList();
    }

    /** The port actually bound (useful when 0 asked for any free port). */
    public int actualPort() {
        return server.actualPort();
    }
}
