package io.branchline.engine.http;

import io.branchline.engine.session.SessionEvent;
import io.branchline.engine.session.SessionService;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/sessions/{id}/events}: the session's events as server-sent events. The
 * token comes as {@code Authorization: Bearer TOKEN}, or as {@code ?token=} for browsers'
 * EventSource, which cannot send headers. A client that stops reading is dropped
 * ({@link EventStream}).
 */
final class SessionEvents {

    private static final long KEEP_ALIVE_MS = 15_000;

    private final SessionService sessions;

    SessionEvents(SessionService sessions) {
        this.sessions = sessions;
    }

    void stream(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        String header = ctx.request().getHeader("Authorization");
        String query = ctx.request().getParam("token");
        var refused = sessions.authorize(id, header != null ? header : query == null ? null : "Bearer " + query);
        if (refused.isPresent()) {
            Problems.send(ctx, refused.get().status(), refused.get().title(), refused.get().getMessage());
            return;
        }
        HttpServerResponse response = ctx.response().setChunked(true)
                .putHeader("Content-Type", "text/event-stream").putHeader("Cache-Control", "no-cache").putHeader("X-Accel-Buffering", "no");
        EventStream events = new EventStream(response, () -> ctx.request().connection().close());
        events.send("event: state\ndata: " + sessions.view(id).encode() + "\n\n");
        Runnable stop = sessions.listen(id, event -> events.send(format(event)));
        long timer = ctx.vertx().setPeriodic(KEEP_ALIVE_MS, t -> events.send(": keep-alive\n\n"));
        response.closeHandler(v -> {
            events.gone();
            stop.run();
            ctx.vertx().cancelTimer(timer);
        });
    }

    static String format(SessionEvent e) {
        JsonObject data = new JsonObject().put("scene", e.scene()).put("at", e.atMs()).put("detail", new JsonArray(e.detail()));
        return "event: " + e.type() + "\ndata: " + data.encode() + "\n\n";
    }
}
