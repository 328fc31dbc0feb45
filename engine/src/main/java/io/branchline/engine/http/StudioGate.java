package io.branchline.engine.http;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;

/**
 * Keeps the studio for authors: its pages and APIs (sources, statistics, diagnostics, renders)
 * carry no CORS headers, refuse a request sent by another site's page (its {@code Origin} is
 * not this server), and, when the server listens beyond this machine, ask for the author
 * token, as the cookie {@value #COOKIE} or as {@code Authorization: Bearer TOKEN}. Opening a
 * studio page with {@code ?author=TOKEN} once sets the cookie (HttpOnly, SameSite=Strict).
 */
final class StudioGate {

    static final String COOKIE = "branchline_author";

    private final AuthorToken token;

    /** {@code token} null: no token asked (the server listens on this machine only). */
    StudioGate(AuthorToken token) {
        this.token = token;
    }

    void check(RoutingContext ctx) {
        String origin = ctx.request().getHeader("Origin");
        if (origin != null && !sameOrigin(origin, host(ctx))) {
            Problems.send(ctx, 403, "Studio is for authors", "the studio answers only its own pages; a page from " + origin
                    + " may not read it (no CORS here)");
            return;
        }
        if (token != null && !token.matches(offered(ctx))) {
            String given = ctx.request().getParam("author");
            if (given != null && token.matches(given) && ctx.request().method() == io.vertx.core.http.HttpMethod.GET
                    && ctx.request().path().startsWith("/studio/")) {
                // The cookie carries the token from now on; the address loses it so it stays out of history and logs.
                ctx.response().addCookie(Cookie.cookie(COOKIE, given).setHttpOnly(true).setSameSite(CookieSameSite.STRICT).setPath("/"))
                        .putHeader("Location", ctx.request().path()).putHeader("Cache-Control", "no-store").setStatusCode(303).end();
                return;
            }
            ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"branchline studio\"");
            Problems.send(ctx, 401, "Author token needed", "the studio is for the story's authors; open a studio page once with "
                    + "?author=TOKEN (the token 'branchline serve' printed, kept in the data folder's " + AuthorToken.FILE
                    + ") or send Authorization: Bearer TOKEN");
            return;
        }
        ctx.next();
    }

    private static String offered(RoutingContext ctx) {
        Cookie cookie = ctx.request().getCookie(COOKIE);
        if (cookie != null) {
            return cookie.getValue();
        }
        String header = ctx.request().getHeader("Authorization");
        return header != null && header.startsWith("Bearer ") ? header.substring(7).strip() : null;
    }

    private static String host(RoutingContext ctx) {
        String host = ctx.request().getHeader("Host");
        return host != null ? host : ctx.request().authority() == null ? null : ctx.request().authority().toString();
    }

    private static boolean sameOrigin(String origin, String host) {
        try {
            URI uri = new URI(origin);
            String authority = uri.getRawAuthority();
            return host != null && authority != null && authority.equalsIgnoreCase(host);
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }
}
