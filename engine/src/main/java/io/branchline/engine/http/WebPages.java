package io.branchline.engine.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The viewer's and the author's pages and the embeddable player, as the {@code web-player}
 * module ships them on the classpath under {@code io/branchline/web/}: {@code /player/…} and
 * {@code /pages/…} and {@code /vendor/…} as files, and the pages {@code /watch/{story}}, {@code /embed/{story}},
 * {@code /studio/{story}} and {@code /} (which read the story from their own address).
 */
final class WebPages {

    static final String ROOT = "io/branchline/web/";
    private static final Pattern STORY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final Map<String, Buffer> pages = new ConcurrentHashMap<>();

    void mount(Router router) {
        router.get("/player/*").handler(files(ROOT + "player"));
        router.get("/pages/*").handler(files(ROOT + "pages"));
        // The studio's libraries (CodeMirror, dagre), copied from npm by web-player/vendor.mjs.
        router.get("/vendor/*").handler(files(ROOT + "vendor"));
        router.get("/watch/:story").handler(ctx -> page(ctx, "watch.html", true));
        router.get("/embed/:story").handler(ctx -> page(ctx, "embed.html", true));
        router.get("/studio/:story").handler(ctx -> page(ctx, "studio.html", true));
        router.get("/").handler(ctx -> page(ctx, "index.html", false));
    }

    private static StaticHandler files(String root) {
        // Unversioned file names: let browsers keep them but check with an ETag each time.
        return StaticHandler.create(root).setCachingEnabled(false).setIncludeHidden(false).setDirectoryListing(false);
    }

    private void page(RoutingContext ctx, String name, boolean perStory) {
        if (perStory && !STORY.matcher(ctx.pathParam("story")).matches()) {
            Problems.send(ctx, 404, "No such story", "a story id is letters, digits, '.', '_' or '-'; '" + ctx.pathParam("story")
                    + "' is not one");
            return;
        }
        Buffer body = load(name);
        if (body == null) {
            Problems.send(ctx, 404, "Page missing", name + " is not part of this build of Branchline");
            return;
        }
        ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").putHeader("Cache-Control", "no-cache")
                .putHeader("X-Content-Type-Options", "nosniff");
        if (!"embed.html".equals(name)) {
            // Only the embed page is meant to sit in another site's frame.
            ctx.response().putHeader("X-Frame-Options", "SAMEORIGIN");
        }
        ctx.response().end(body);
    }

    private Buffer load(String name) {
        Buffer known = pages.get(name);
        if (known != null) {
            return known;
        }
        try (InputStream in = WebPages.class.getClassLoader().getResourceAsStream(ROOT + "pages/" + name)) {
            if (in == null) {
                return null;
            }
            Buffer body = Buffer.buffer(in.readAllBytes());
            pages.put(name, body);
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
