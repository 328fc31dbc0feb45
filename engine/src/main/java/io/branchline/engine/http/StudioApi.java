package io.branchline.engine.http;

import io.branchline.engine.stories.StoryCatalog;
import io.branchline.engine.stories.StoryEntry;
import io.branchline.engine.studio.StudioService;
import io.branchline.engine.studio.StudioChecks;
import io.branchline.engine.studio.StudioSources;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The studio's API: {@code /api/stories/{id}/studio} (map, picks, render status, diagnostics),
 * {@code /api/stories/{id}/source?file=F} (a source file of the story, for links to a line) and
 * {@code /api/stories/{id}/changes} (a server-sent event each time the story is recompiled), and
 * the editor's {@code POST /api/stories/{id}/check} (diagnostics of unsaved text) and
 * {@code PUT /api/stories/{id}/source/{file}} (save, refused when the file changed on disk).
 */
final class StudioApi {

    private final Vertx vertx;
    private final StoryCatalog catalog;
    private final StudioService studio;
    private final StudioSources sources;

    StudioApi(Vertx vertx, StoryCatalog catalog, StudioService studio) {
        this.vertx = vertx;
        this.catalog = catalog;
        this.studio = studio;
        this.sources = new StudioSources(catalog.folder());
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
        Path wanted = sources.file(entry, file).orElse(null);
        if (wanted == null) {
            noFile(ctx, entry, "?file=NAME");
            return;
        }
        // The ETag is the version the editor sends back when it saves.
        vertx.executeBlocking(() -> Files.readAllBytes(wanted), false)
                .onSuccess(bytes -> ctx.response().putHeader("Content-Type", "text/plain; charset=utf-8").putHeader("Cache-Control", "no-store")
                        .putHeader("ETag", "\"" + StudioSources.version(bytes) + "\"").end(io.vertx.core.buffer.Buffer.buffer(bytes)))
                .onFailure(e -> Problems.send(ctx, 404, "Source unreadable", file + " could not be read: " + e.getMessage()));
    }

    /**
     * {@code POST /api/stories/{id}/check} with {@code {"file": NAME, "text": TEXT}}: the story
     * compiled with that file's unsaved text in its place, nothing saved; answers its diagnostics.
     */
    void check(RoutingContext ctx) {
        StoryEntry entry = catalog.story(ctx.pathParam("id")).orElse(null);
        if (entry == null) {
            noStory(ctx);
            return;
        }
        EditorText sent = EditorText.read(ctx, entry, sources, false);
        if (sent == null) {
            return;
        }
        vertx.executeBlocking(() -> sources.check(entry, sent.file(), sent.text()), false)
                .onSuccess(result -> ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
                        .end(StudioChecks.view(result, d -> sources.name(entry, d)).encode()))
                .onFailure(ctx::fail);
    }

    /**
     * {@code PUT /api/stories/{id}/source/{file}} with {@code {"text": TEXT, "version": V}}, V the
     * ETag the file was read with: writes the file (atomically) unless it changed on disk since;
     * the story's usual live recompilation then picks it up.
     */
    void save(RoutingContext ctx) {
        StoryEntry entry = catalog.story(ctx.pathParam("id")).orElse(null);
        if (entry == null) {
            noStory(ctx);
            return;
        }
        EditorText sent = EditorText.read(ctx, entry, sources, true);
        if (sent == null) {
            return;
        }
        String name = sources.name(entry, sent.name());
        vertx.executeBlocking(() -> sources.save(sent.file(), sent.text(), sent.version()), false).onSuccess(saved -> {
            if (saved instanceof StudioSources.Written w) {
                ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
                        .putHeader("ETag", "\"" + w.version() + "\"")
                        .end(new io.vertx.core.json.JsonObject().put("file", name).put("version", w.version()).encode());
            } else if (saved instanceof StudioSources.Changed c) {
                ctx.response().putHeader("ETag", "\"" + c.current() + "\"");
                Problems.send(ctx, 409, "Changed on disk", name + " changed on disk since the editor opened it, so it was not saved"
                        + " (it would overwrite those changes); reload the file, or copy your text and merge it by hand");
            }
        }).onFailure(e -> Problems.send(ctx, 500, "Not saved", name + " could not be written: " + e.getMessage()));
    }

    static void noFile(RoutingContext ctx, StoryEntry entry, String asked) {
        Path folder = entry.mainFile().toAbsolutePath().getParent().normalize();
        Problems.send(ctx, 404, "No such source file", "expected " + asked + " with NAME one of the story's files as its scenes or "
                + "diagnostics name them, for example " + folder.relativize(entry.mainFile().toAbsolutePath().normalize()));
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

    static void noStory(RoutingContext ctx) {
        Problems.send(ctx, 404, "No such story", "there is no story '" + ctx.pathParam("id") + "'; GET /api/stories lists them");
    }
}
