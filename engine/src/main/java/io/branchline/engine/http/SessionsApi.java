package io.branchline.engine.http;

import io.branchline.engine.session.Outcome;
import io.branchline.engine.session.SessionService;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.regex.Pattern;

/** {@code /api/sessions} and {@code /sessions/{id}/…}: a viewer's session, its playlist and segments. */
final class SessionsApi {

    private static final Pattern SEGMENT = Pattern.compile("(\\d{1,6})-(\\d{1,6})\\.m4s");
    private static final Pattern CAPTIONS = Pattern.compile("(\\d{1,6})(?:-(\\d{1,6}))?\\.vtt");

    /** Sessions one client address may start a minute (and at once); {@code -Dbranchline.sessionStartsPerMinute} changes it. */
    static final int STARTS_PER_MINUTE = Integer.getInteger("branchline.sessionStartsPerMinute", 60);
    private final RateLimit starts = new RateLimit(Math.max(1, STARTS_PER_MINUTE / 3), STARTS_PER_MINUTE);
    /** The furthest position a player may report: a year of media, far past any story, yet a long. */
    static final long MAX_POSITION_MS = 365L * 24 * 3600 * 1000;
    private final SessionService sessions;

    SessionsApi(SessionService sessions) {
        this.sessions = sessions;
    }

    void create(RoutingContext ctx) {
        String client = ctx.request().remoteAddress() == null ? "?" : ctx.request().remoteAddress().hostAddress();
        if (!starts.allow(client, System.currentTimeMillis())) {
            ctx.response().putHeader("Retry-After", Long.toString(Math.max(1, starts.retryAfterSeconds(client))));
            Problems.send(ctx, 429, "Too many sessions", "this address started too many sessions in a short time (at most "
                    + STARTS_PER_MINUTE + " a minute); try again after the time in Retry-After");
            return;
        }
        String scene = null;
        if (ctx.body() != null && ctx.body().length() > 0) {
            JsonObject body = body(ctx, Set.of("scene"));
            if (body == null) {
                return;
            }
            Object value = body.getValue("scene");
            if (value != null && !(value instanceof String)) {
                Problems.send(ctx, 400, "Bad scene", "expected {\"scene\": \"NAME\"} with the name of a scene, but scene is " + describe(value));
                return;
            }
            scene = (String) value;
        }
        sessions.create(ctx.pathParam("id"), scene, client).onSuccess(created -> ctx.response().setStatusCode(201)
                .putHeader("Content-Type", "application/json").putHeader("Location", "/api/sessions/" + created.getString("id"))
                .end(created.encode())).onFailure(e -> fail(ctx, e));
    }

    /** {@code GET /api/stories/{id}/stats}: the picks viewers made, which the predictor learns from. */
    void stats(RoutingContext ctx) {
        json(ctx, sessions.stats(ctx.pathParam("id")));
    }

    void view(RoutingContext ctx) {
        if (authorized(ctx)) {
            json(ctx, sessions.view(ctx.pathParam("id")));
        }
    }

    void choose(RoutingContext ctx) {
        if (!authorized(ctx)) {
            return;
        }
        JsonObject body = body(ctx, Set.of("option"));
        if (body == null) {
            return;
        }
        Object option = body.getValue("option");
        if (!(option instanceof Integer index)) {
            Problems.send(ctx, 400, "Bad choice", "expected {\"option\": INDEX} with INDEX a whole number, but option is " + describe(option));
            return;
        }
        answer(ctx, sessions.choose(ctx.pathParam("id"), index));
    }

    void answer(RoutingContext ctx) {
        if (!authorized(ctx)) {
            return;
        }
        JsonObject body = body(ctx, Set.of("text"));
        if (body == null) {
            return;
        }
        Object text = body.getValue("text");
        if (!(text instanceof String s)) {
            Problems.send(ctx, 400, "Bad answer", "expected {\"text\": \"…\"} with a string, but text is " + describe(text));
            return;
        }
        answer(ctx, sessions.answer(ctx.pathParam("id"), s));
    }

    /** The player reports where it is on the session's media clock: {"ms": N}. */
    void position(RoutingContext ctx) {
        if (!authorized(ctx)) {
            return;
        }
        JsonObject body = body(ctx, Set.of("ms", "paused"));
        if (body == null) {
            return;
        }
        Object ms = body.getValue("ms");
        Object paused = body.getValue("paused", false);
        if (!(paused instanceof Boolean)) {
            Problems.send(ctx, 400, "Bad position", "paused must be true or false, but is " + describe(paused));
            return;
        }
        if (!(ms instanceof Number n) || !(n.doubleValue() >= 0 && n.doubleValue() <= MAX_POSITION_MS)) {
            Problems.send(ctx, 400, "Bad position", "expected {\"ms\": N} with N the player's position in milliseconds (0 or more, at most " + MAX_POSITION_MS + "), but ms is "
                    + describe(ms));
            return;
        }
        Outcome outcome = sessions.position(ctx.pathParam("id"), n.longValue(), (Boolean) paused);
        if (outcome.accepted()) {
            ctx.response().setStatusCode(204).end();
        } else {
            refuse(ctx, outcome);
        }
    }

    void back(RoutingContext ctx) {
        if (authorized(ctx)) {
            answer(ctx, sessions.back(ctx.pathParam("id")));
        }
    }

    void playlist(RoutingContext ctx) {
        sendPlaylist(ctx, sessions.streams()::playlist);
    }

    void multivariant(RoutingContext ctx) {
        sendPlaylist(ctx, sessions.streams()::multivariant);
    }

    void captionsPlaylist(RoutingContext ctx) {
        sendPlaylist(ctx, sessions.streams()::captionsPlaylist);
    }

    /**
     * One of the session's HLS playlists. No token: an HLS player can send none, and the session
     * id (16 random bytes) is what it holds. Held until the session has a first segment.
     */
    private void sendPlaylist(RoutingContext ctx, java.util.function.Function<String, Future<String>> playlist) {
        String id = ctx.pathParam("id");
        if (!sessions.exists(id)) {
            Problems.send(ctx, 404, "No such session", "there is no session '" + id + "'");
            return;
        }
        playlist.apply(id).onSuccess(text -> ctx.response().putHeader("Content-Type", "application/vnd.apple.mpegurl")
                .putHeader("Cache-Control", "no-cache").end(text)).onFailure(e -> fail(ctx, e));
    }

    void captions(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        var m = CAPTIONS.matcher(ctx.pathParam("file"));
        if (!sessions.exists(id) || !m.matches()) {
            Problems.send(ctx, 404, "No such captions", "there are no captions '" + ctx.pathParam("file") + "' in session '" + id
                    + "'; expected VISIT.vtt or VISIT-SEGMENT.vtt");
            return;
        }
        int visit = Integer.parseInt(m.group(1));
        (m.group(2) == null ? sessions.streams().captions(id, visit) : sessions.streams().captions(id, visit, Integer.parseInt(m.group(2))))
                .onSuccess(text -> ctx.response()
                .putHeader("Content-Type", "text/vtt; charset=utf-8").putHeader("Cache-Control", "no-cache").end(text))
                .onFailure(e -> fail(ctx, e));
    }

    void init(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (!sessions.exists(id)) {
            Problems.send(ctx, 404, "No such session", "there is no session '" + id + "'");
            return;
        }
        sessions.streams().init(id).onSuccess(b -> ctx.response().putHeader("Content-Type", "video/mp4")
                .putHeader("Cache-Control", "public, max-age=31536000, immutable").end(b)).onFailure(e -> fail(ctx, e));
    }

    void segment(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        var m = SEGMENT.matcher(ctx.pathParam("name"));
        if (!sessions.exists(id) || !m.matches()) {
            Problems.send(ctx, 404, "No such segment", "there is no segment '" + ctx.pathParam("name") + "' in session '" + id + "'");
            return;
        }
        sessions.streams().segment(id, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)))
                .onSuccess(b -> ByteRange.send(ctx, b, "video/mp4", "private, max-age=31536000, immutable"))
                .onFailure(e -> fail(ctx, e));
    }

    private void answer(RoutingContext ctx, Future<Outcome> outcome) {
        outcome.onSuccess(o -> {
            if (o.accepted()) {
                json(ctx, sessions.view(ctx.pathParam("id")));
            } else {
                refuse(ctx, o);
            }
        }).onFailure(e -> fail(ctx, e));
    }

    private static void refuse(RoutingContext ctx, Outcome o) {
        if (o.status() == 429) {
            ctx.response().putHeader("Retry-After", "1");
        }
        String title = switch (o.status()) {
            case 409 -> "Too late or too early";
            case 422 -> "Answer refused";
            case 429 -> "Too many calls";
            default -> "Not accepted";
        };
        Problems.send(ctx, o.status(), title, o.problem());
    }

    private boolean authorized(RoutingContext ctx) {
        var refused = sessions.authorize(ctx.pathParam("id"), ctx.request().getHeader("Authorization"));
        refused.ifPresent(r -> Problems.send(ctx, r.status(), r.title(), r.getMessage()));
        return refused.isEmpty();
    }

    /** The request's JSON object, holding exactly the allowed fields; null (and a 400 sent) otherwise. */
    private static JsonObject body(RoutingContext ctx, Set<String> allowed) {
        if (!json(ctx.request().getHeader("Content-Type"))) {
            // Refused rather than guessed at: only a JSON request makes a browser ask first (CORS preflight).
            Problems.send(ctx, 415, "Not JSON", "send the body as Content-Type: application/json, for example " + example(allowed));
            return null;
        }
        JsonObject body;
        try {
            body = ctx.body().asJsonObject();
        } catch (DecodeException | ClassCastException e) {
            Problems.send(ctx, 400, "Malformed JSON", "the body is not a JSON object; expected for example " + example(allowed));
            return null;
        }
        if (body == null) {
            Problems.send(ctx, 400, "Missing body", "expected a JSON body such as " + example(allowed));
            return null;
        }
        for (String field : body.fieldNames()) {
            if (!allowed.contains(field)) {
                Problems.send(ctx, 400, "Unknown field", "'" + field + "' is not a field here; expected only " + allowed);
                return null;
            }
        }
        return body;
    }

    private static boolean json(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(java.util.Locale.ROOT);
        return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
    }

    private static String example(Set<String> allowed) {
        return allowed.contains("scene") ? "{\"scene\": \"harbour\"}" : allowed.contains("option") ? "{\"option\": 0}" : allowed.contains("ms") ? "{\"ms\": 1500, \"paused\": false}" : "{\"text\": \"Mara\"}";
    }

    private static String describe(Object v) {
        return v == null ? "missing" : v instanceof String s ? "the string \"" + s + "\"" : v.toString();
    }

    private static void json(RoutingContext ctx, JsonObject body) {
        ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store").end(body.encode());
    }

    private static void fail(RoutingContext ctx, Throwable e) {
        if (e instanceof SessionService.Refused r && r.status() == 503) {
            ctx.response().putHeader("Retry-After", "1");
            Problems.send(ctx, r.status(), r.title(), r.getMessage());
        } else if (e instanceof SessionService.Refused r) {
            Problems.send(ctx, r.status(), r.title(), r.getMessage());
        } else {
            ctx.fail(e);
        }
    }
}
