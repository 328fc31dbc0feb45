package io.branchline.engine.http;

import io.vertx.ext.web.RoutingContext;

/**
 * The answer to a request whose handling failed: the status the failure carries (a body too
 * large, a malformed request Vert.x Web refused) or 500, always as a problem detail. A 500
 * is logged with its cause; the client learns nothing of the server's insides.
 */
final class HttpFailures {

    private HttpFailures() {
    }

    static void answer(RoutingContext ctx) {
        if (ctx.response().headWritten()) {
            // Part of the answer is out already: a problem cannot follow, so the connection goes.
            ctx.response().reset();
            return;
        }
        int status = ctx.statusCode() >= 400 && ctx.statusCode() < 600 ? ctx.statusCode() : 500;
        String title = switch (status) {
            case 400 -> "Malformed request";
            case 405 -> "Method not allowed";
            case 413 -> "Request too large";
            case 415 -> "Unsupported content type";
            case 416 -> "Range not satisfiable";
            case 500 -> "Internal error";
            default -> "Request failed";
        };
        String detail = switch (status) {
            case 400 -> "the request could not be read (a malformed address or body)";
            case 413 -> ctx.request().path().matches("/api/stories/[^/]+/(check|source/.*)")
                    ? "the request body is larger than the studio takes; a story file sent from the editor may be at most 1 MB"
                    : "the request body is larger than 16 kB; choices and answers are small JSON objects";
            case 416 -> "the range asked for lies outside the file; ask for a range that starts before its end";
            case 500 -> "the server could not answer this request; it has been logged";
            default -> "the request could not be handled (" + status + ")";
        };
        Problems.send(ctx, status, title, detail);
        if (status == 500 && ctx.failure() != null) {
            System.getLogger("branchline.http").log(System.Logger.Level.ERROR, "request failed: " + ctx.request().path(), ctx.failure());
        }
    }
}
