package io.branchline.engine.http;

import io.branchline.engine.stories.StoryCatalog;
import io.branchline.engine.stories.StoryEntry;
import io.branchline.engine.studio.StudioService;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The studio's API: {@code /api/stories/{id}/studio} (map, picks, render status, diagnostics),
 * {@code /api/stories/{id}/source?file=F} (a source file of the story, for links to a line) and
 * {@code /api/stories/{id}/changes} (a server-sent event each time the story is recompiled).
 */
final class StudioApi {

    private final Vertx vertx;
    private final StoryCatalog catalog;
    private final StudioService studio;

    StudioApi(Vertx vertx, StoryCatalog catalog, StudioService studio) {
        this.vertx = vertx;
        this.catalog = catalog;
        this.studio = studio;
    }

    void studio(RoutingContext ctx) {
        studio.studio(ctx.pathParam("id")).ifPresentOrElse(
                view -> view.onSuccess(json -> ctx.response().putHeader("Content-Type", "application/json")
                        .putHeader("Cache-Control", "no-store").end(json.encode())).onFailure(ctx::fail),
                () -> noStory(ctx));
    }

    void source(RoutingContext ctx) {
        StoryEntry entry = catalog.story(ctx.pathParam("id")).orElse(null);
        if (entry == null) {
            noStory(ctx);
            return;
        }
        String file = ctx.queryParams().get("file");
        if (file != null && (file.length() > 1024 || file.chars().anyMatch(c -> c < 0x20 || c == 0x7f))) {
            Problems.send(ctx, 400, "Bad file name", "?file= names one of the story's files; it may not hold control characters"
                    + " such as NUL or be longer than 1024 characters");
            return;
        }
        Path folder = entry.mainFile().toAbsolutePath().getParent().normalize();
        java.util.List<Path> sources = entry.result().sources().stream().map(p -> p.toAbsolutePath().normalize()).toList();
        // Scenes name their file from the story's folder, diagnostics from the stories folder: take either.
        Path wanted = file == null ? null : java.util.stream.Stream.of(folder, catalog.folder().toAbsolutePath().normalize())
                .map(base -> resolve(base, file)).filter(java.util.Objects::nonNull).filter(sources::contains).findFirst().orElse(null);
        if (wanted == null) {
            Problems.send(ctx, 404, "No such source file", "expected ?file=NAME with NAME one of the story's files as its diagnostics name them, "
                    + "for example " + folder.relativize(entry.mainFile().toAbsolutePath().normalize()));
            return;
        }
        vertx.executeBlocking(() -> Files.readString(wanted), false)
                .onSuccess(text -> ctx.response().putHeader("Content-Type", "text/plain; charset=utf-8").putHeader("Cache-Control", "no-store")
                        .end(text))
                .onFailure(e -> Problems.send(ctx, 404, "Source unreadable", file + " could not be read: " + e.getMessage()));
    }

    /** An endless stream with {@code event: changed} each time the story is compiled again. */
    void changes(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (catalog.story(id).isEmpty()) {
            noStory(ctx);
            return;
        }
        HttpServerResponse response = ctx.response().setChunked(true).putHeader("Content-Type", "text/event-stream")
                .putHeader("Cache-Control", "no-store");
        EventStream events = new EventStream(response, () -> ctx.request().connection().close());
        Instant[] last = {catalog.story(id).get().compiledAt()};
        events.send("event: compiled\ndata: {\"compiledAt\":\"" + last[0] + "\"}\n\n");
        long[] quiet = {0};
        long timer = vertx.setPeriodic(500, t -> {
            Instant now = catalog.story(id).map(StoryEntry::compiledAt).orElse(null);
            if (now != null && !now.equals(last[0])) {
                last[0] = now;
                quiet[0] = 0;
                events.send("event: changed\ndata: {\"compiledAt\":\"" + now + "\"}\n\n");
            } else if (++quiet[0] % 30 == 0) {
                // A comment every 15 s keeps the stream from being closed as idle.
                events.send(": keep-alive\n\n");
            }
        });
        response.closeHandler(v -> {
            events.gone();
            vertx.cancelTimer(timer);
        });
        response.exceptionHandler(e -> vertx.cancelTimer(timer));
    }

    /** {@code base} with {@code file} resolved against it; null for a name that is no path here. */
    private static Path resolve(Path base, String file) {
        try {
            return base.resolve(file).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
    }

    private static void noStory(RoutingContext ctx) {
        Problems.send(ctx, 404, "No such story", "there is no story '" + ctx.pathParam("id") + "'; GET /api/stories lists them");
    }
}
