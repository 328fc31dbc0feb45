package io.branchline.engine.http;

import io.branchline.engine.stories.StoryCatalog;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;

/** The HTTP face of the engine: routes requests to plain handlers and starts the server. */
public final class HttpVerticle extends VerticleBase {

    private final StoryCatalog catalog;
    private final String host;
    private final int port;
    private HttpServer server;

    public HttpVerticle(StoryCatalog catalog, String host, int port) {
        this.catalog = catalog;
        this.host = host;
        this.port = port;
    }

    @Override
    public Future<?> start() {
        Router router = Router.router(vertx);
        StoriesApi stories = new StoriesApi(catalog);
        router.get("/api/stories").handler(stories::list);
        router.get("/api/stories/:id").handler(stories::one);
        router.get("/openapi.yaml").handler(StaticResources.resource("openapi.yaml", "application/yaml"));
        router.get("/").handler(stories::indexPage);
        router.route().last().handler(ctx -> Problems.send(ctx, 404, "Not found",
                "nothing is served at " + ctx.request().path() + "; the API is described at /openapi.yaml"));
        router.route().failureHandler(ctx -> {
            int status = ctx.statusCode() >= 400 ? ctx.statusCode() : 500;
            Problems.send(ctx, status, status == 500 ? "Internal error" : "Request failed",
                    status == 500 ? "the server could not answer this request; it has been logged" : String.valueOf(ctx.failure()));
            if (status == 500 && ctx.failure() != null) {
                System.getLogger("branchline.http").log(System.Logger.Level.ERROR, "request failed: " + ctx.request().path(), ctx.failure());
            }
        });
        return vertx.createHttpServer().requestHandler(router).listen(port, host).onSuccess(s -> server = s);
    }

    /** The port actually bound (useful when 0 asked for any free port). */
    public int actualPort() {
        return server.actualPort();
    }
}
