package io.branchline.engine.http;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/**
 * What every request must be before a route sees it, each refusal a problem detail: a
 * {@code Host} this server answers to (421), a path and query whose percent-escapes decode
 * and hold no control characters such as NUL (400). Requests the HTTP decoder itself cannot
 * read (a request line or headers too long, a malformed line) get 414, 431 or 400 from
 * {@link #invalid}.
 */
final class RequestChecks {

    private final HostAllowList hosts;

    RequestChecks(HostAllowList hosts) {
        this.hosts = hosts;
    }

    void check(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String host = request.getHeader("Host");
        if (!hosts.allows(host)) {
            Problems.send(ctx, 421, "Unknown host", "this server does not answer to '" + host + "'; it answers to an IP address or "
                    + String.join(", ", hosts.names()) + " (start it with --allow-host NAME to add a name)");
            return;
        }
        String bad = badPart(request.uri(), ctx);
        if (bad != null) {
            Problems.send(ctx, 400, "Malformed address", bad);
            return;
        }
        ctx.next();
    }

    /** What is wrong with the request's address; null when nothing is. */
    private static String badPart(String uri, RoutingContext ctx) {
        int query = uri.indexOf('?');
        String path = query < 0 ? uri : uri.substring(0, query);
        String decodedPath;
        try {
            decodedPath = java.net.URLDecoder.decode(path.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "the path holds a malformed percent-escape; expected % followed by two hex digits";
        }
        if (control(decodedPath)) {
            return "the path holds a control character such as NUL";
        }
        try {
            for (Map.Entry<String, String> p : ctx.queryParams()) {
                if (control(p.getKey()) || control(p.getValue())) {
                    return "the query parameter '" + printable(p.getKey()) + "' holds a control character such as NUL";
                }
            }
        } catch (RuntimeException e) {
            return "the query holds a malformed percent-escape; expected % followed by two hex digits";
        }
        return null;
    }

    private static boolean control(String s) {
        return s.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
    }

    private static String printable(String s) {
        return s.replaceAll("\\p{Cntrl}", "?");
    }

    /** The answer to a request the HTTP decoder could not read; the connection is closed after it. */
    static void invalid(HttpServerRequest request) {
        Throwable cause = request.decoderResult() == null ? null : request.decoderResult().cause();
        int status;
        String title;
        String detail;
        if (cause instanceof TooLongHttpLineException) {
            status = 414;
            title = "Address too long";
            detail = "the request line is longer than this server reads; addresses here are short";
        } else if (cause instanceof TooLongHttpHeaderException) {
            status = 431;
            title = "Headers too large";
            detail = "the request's headers are larger than this server reads";
        } else {
            status = 400;
            title = "Malformed request";
            detail = "the request is not well-formed HTTP" + (cause == null || cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")");
        }
        String body = new io.vertx.core.json.JsonObject().put("status", status).put("title", title).put("detail", detail).encode();
        request.response().setStatusCode(status).putHeader("Content-Type", "application/problem+json").putHeader("Connection", "close")
                .end(body).onComplete(v -> request.connection().close());
    }
}
