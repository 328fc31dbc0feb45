package io.branchline.engine.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.branchline.engine.stories.StoryCatalog;
import io.branchline.engine.stories.StoryEntry;
import io.branchline.engine.stories.StoryViews;
import io.branchline.story.model.StoryJson;
import io.vertx.ext.web.RoutingContext;
import java.util.regex.Pattern;

/** {@code /api/stories}: the stories the engine knows, with their diagnostics. */
final class StoriesApi {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]{1,200}");

    private final StoryCatalog catalog;

    StoriesApi(StoryCatalog catalog) {
        this.catalog = catalog;
    }

    void list(RoutingContext ctx) {
        ArrayNode list = StoryJson.mapper().createArrayNode();
        catalog.stories().values().forEach(e -> list.add(StoryViews.summary(e)));
        json(ctx, list.toString());
    }

    void one(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (!ID.matcher(id).matches()) {
            Problems.send(ctx, 400, "Bad story id", "a story id is 1 to 200 letters, digits, '_', '.' or '-'");
            return;
        }
        StoryEntry entry = catalog.story(id).orElse(null);
        if (entry == null) {
            Problems.send(ctx, 404, "No such story", "there is no story '" + id + "'; GET /api/stories lists them");
            return;
        }
        json(ctx, StoryViews.detail(entry).toString());
    }

    /** A plain page listing the stories and, for those with errors, what is wrong. */
    void indexPage(RoutingContext ctx) {
        StringBuilder b = new StringBuilder("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Branchline</title>"
                + "<style>body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem}"
                + "pre{background:#f4f4f4;padding:.5rem;overflow:auto}.bad{color:#b00020}</style></head><body>"
                + "<h1>Branchline</h1><p>Stories in <code>").append(html(catalog.folder().toString())).append("</code>:</p><ul>");
        for (StoryEntry e : catalog.stories().values()) {
            b.append("<li><strong>").append(html(e.result().story() != null ? e.result().story().title() : e.id()))
                    .append("</strong> <code>").append(html(e.id())).append("</code> ");
            if (e.servable()) {
                b.append(e.result().story().scenes().size()).append(" scenes, ").append(e.result().warningCount()).append(" warnings");
            } else {
                b.append("<span class=\"bad\">").append(e.result().errorCount()).append(" errors, not served</span><pre>");
                e.result().diagnostics().forEach(d -> b.append(html(io.branchline.story.diag.DiagnosticPrinter.print(d))));
                b.append("</pre>");
            }
            b.append(" <a href=\"/api/stories/").append(html(e.id())).append("\">JSON</a></li>");
        }
        b.append("</ul><p>API: <a href=\"/openapi.yaml\">openapi.yaml</a></p></body></html>");
        ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").end(b.toString());
    }

    private static void json(RoutingContext ctx, String body) {
        ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-cache").end(body);
    }

    private static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
