package io.branchline.engine.http;

import io.branchline.engine.stories.StoryEntry;
import io.branchline.engine.studio.StudioSources;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The text the studio's editor sends to check or to save, read from a JSON body and checked:
 * a file of the story, a text of at most {@link StudioSources#MAX_TEXT_BYTES}, and for a save
 * the version the file was opened at. Each mistake is answered as a problem, and then
 * {@link #read} gives null.
 *
 * @param name    the file as the editor named it
 * @param file    that file on disk, one of the story's
 * @param text    the editor's text
 * @param version the version (ETag) the editor opened the file at; null for a check
 */
record EditorText(String name, Path file, String text, String version) {

    static EditorText read(RoutingContext ctx, StoryEntry entry, StudioSources sources, boolean save) {
        JsonObject body;
        try {
            body = ctx.body().asJsonObject();
        } catch (DecodeException | ClassCastException e) {
            body = null;
        }
        if (body == null) {
            Problems.send(ctx, 400, "Malformed request", "expected a JSON object such as "
                    + (save ? "{\"text\": \"...\", \"version\": \"sha256:...\"}" : "{\"file\": \"story.story\", \"text\": \"...\"}"));
            return null;
        }
        String name = save ? ctx.pathParam("file") : stringOrNull(body, "file");
        Object text = body.getValue("text");
        if (!(text instanceof String t)) {
            Problems.send(ctx, 400, "Malformed request", "expected \"text\": the file's whole text, as a string");
            return null;
        }
        if (t.getBytes(StandardCharsets.UTF_8).length > StudioSources.MAX_TEXT_BYTES) {
            Problems.send(ctx, 413, "Text too large", "the studio checks and saves story files of at most "
                    + StudioSources.MAX_TEXT_BYTES / 1024 + " kB; split the story with include");
            return null;
        }
        String version = save ? stringOrNull(body, "version") : null;
        if (save && version == null) {
            Problems.send(ctx, 400, "Malformed request", "expected \"version\": the ETag the file was read with (GET .../source?file=NAME), "
                    + "so that a file changed on disk since is not overwritten");
            return null;
        }
        Path file = sources.file(entry, name).orElse(null);
        if (file == null) {
            StudioApi.noFile(ctx, entry, save ? "PUT .../source/NAME" : "\"file\": NAME");
            return null;
        }
        return new EditorText(name, file, t, version);
    }

    private static String stringOrNull(JsonObject body, String key) {
        return body.getValue(key) instanceof String s ? s : null;
    }
}
