package io.branchline.engine.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.branchline.engine.stories.StoryCatalog;
import io.branchline.engine.stories.StoryEntry;
import io.branchline.engine.stories.StoryPosters;
import io.branchline.engine.stories.StoryViews;
import io.branchline.story.model.StoryJson;
import io.vertx.ext.web.RoutingContext;
import java.util.regex.Pattern;

/** {@code /api/stories}: the stories the engine knows, with their diagnostics. */
final class StoriesApi {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]{1,200}");

    private final StoryCatalog catalog;
    private final StoryPosters posters;

    /** With {@code posters} null, posters are not served. */
    StoriesApi(StoryCatalog catalog, StoryPosters posters) {
        this.catalog = catalog;
        this.posters = posters;
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

    /** {@code GET /api/stories/{id}/poster.jpg}: a still of the story's first shot. */
    void poster(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (posters == null) {
            Problems.send(ctx, 404, "No poster", "this server draws no posters");
            return;
        }
        posters.poster(id).ifPresentOrElse(jpeg -> jpeg.onSuccess(bytes -> {
            if (bytes == null) {
                Problems.send(ctx, 404, "No poster", "the first scene of '" + id + "' shows no shot");
            } else {
                ctx.response().putHeader("Content-Type", "image/jpeg").putHeader("Cache-Control", "public, max-age=60")
                        .end(io.vertx.core.buffer.Buffer.buffer(bytes));
            }
        }).onFailure(ctx::fail), () -> Problems.send(ctx, 404, "No poster", "the story '" + id
                + "' does not exist or has errors; GET /api/stories lists the stories"));
    }

    private static void json(RoutingContext ctx, String body) {
        ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-cache").end(body);
    }
}
