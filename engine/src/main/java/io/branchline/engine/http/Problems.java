package io.branchline.engine.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Errors as RFC 9457 problem details: a status, a title and a detail a person can act on. */
public final class Problems {

    private Problems() {
    }

    public static void send(RoutingContext ctx, int status, String title, String detail) {
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/problem+json")
                .end(new JsonObject().put("status", status).put("title", title).put("detail", detail).encode());
    }
}
