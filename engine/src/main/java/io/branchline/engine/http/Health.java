package io.branchline.engine.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The probes an orchestrator (or a load balancer, or a bench) asks before sending viewers:
 * {@code /health/live} says the process answers, {@code /health/ready} says it is ready for
 * viewers, which an engine is once the first scene of every story is rendered at start-up.
 * Neither is cached.
 */
final class Health {

    private final Readiness readiness;

    Health(Readiness readiness) {
        this.readiness = readiness;
    }

    void live(RoutingContext ctx) {
        send(ctx, 200, new JsonObject().put("status", "up"));
    }

    void ready(RoutingContext ctx) {
        if (readiness.ready()) {
            send(ctx, 200, new JsonObject().put("status", "ready"));
        } else {
            ctx.response().putHeader("Retry-After", "1");
            send(ctx, 503, new JsonObject().put("status", "starting")
                    .put("detail", "the first scene of each story is being rendered; viewers who arrive now may wait")
                    .put("waiting", new JsonArray(readiness.waiting())));
        }
    }

    private static void send(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
                .end(body.encode());
    }
}
