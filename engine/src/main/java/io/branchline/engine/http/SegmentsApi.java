package io.branchline.engine.http;

import io.branchline.engine.store.SegmentStore;
import io.branchline.engine.store.TieredStore;
import io.branchline.engine.metrics.EngineMetrics;
import io.branchline.renderer.RenderTier;
import io.branchline.engine.store.StoredFile;
import io.branchline.engine.store.StoreUnavailableException;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code GET /segments/{key}/{file}}: a rendered visit's files as stored, immutable and
 * shared by every session: ETag (the file's SHA-256), a year's cache lifetime, conditional
 * requests and byte ranges. Files are checked against their recorded hash before they go out.
 */
final class SegmentsApi {

    private static final Pattern KEY = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern NAME = Pattern.compile("(init\\.mp4|seg-\\d{5}\\.m4s|captions\\.vtt|index\\.m3u8)");

    /** Finds a stored file (blocking): complete visits first, then renders in progress; and the tier of the render ladder it is from. */
    interface Lookup {
        Optional<TieredStore.TieredFile> find(String key, String name);
    }

    private final Lookup lookup;
    private final EngineMetrics metrics;

    SegmentsApi(SegmentStore store, EngineMetrics metrics) {
        // A visit's key finds its best tier (a draft only until the full render has the file); a tier's own key finds that tier.
        this((key, name) -> TieredStore.best(store, key, name), metrics);
    }

    SegmentsApi(Lookup lookup, EngineMetrics metrics) {
        this.lookup = lookup;
        this.metrics = metrics;
    }

    void serve(RoutingContext ctx) {
        String key = ctx.pathParam("key");
        String name = ctx.pathParam("name");
        if (!KEY.matcher(key).matches() || !NAME.matcher(name).matches()) {
            Problems.send(ctx, 404, "No such file", "expected /segments/KEY/NAME with KEY 64 hex digits and NAME init.mp4, seg-NNNNN.m4s, "
                    + "captions.vtt or index.m3u8");
            return;
        }
        lookUpAndSend(ctx, key, name, true);
    }

    private void lookUpAndSend(RoutingContext ctx, String key, String name, boolean again) {
        ctx.vertx().executeBlocking(() -> lookup.find(key, name), false)
                .onSuccess(found -> send(ctx, found, key, name, again))
                .onFailure(e -> {
                    if (e instanceof StoreUnavailableException u) {
                        // The disk did not answer, or the visit is being rendered again: the file is coming back.
                        ctx.response().putHeader("Retry-After", Integer.toString(u.retryAfterSeconds()));
                        Problems.send(ctx, 503, "Not readable now", u.getMessage() + "; try again after the time in Retry-After");
                    } else {
                        ctx.fail(e);
                    }
                });
    }

    /**
     * Sends the file; when it is gone by the time it is opened (a render in progress committed
     * its folder in between, moving the file), looks it up once more rather than leave the
     * request unanswered.
     */
    private void send(RoutingContext ctx, Optional<TieredStore.TieredFile> found, String key, String name, boolean again) {
        if (found.isEmpty()) {
            Problems.send(ctx, 404, "Not stored", name + " of " + key + " is not stored (not rendered yet, or evicted)");
            return;
        }
        StoredFile file = found.get().file();
        RenderTier tier = found.get().tier();
        // Counted at the first try only: a send whose file moved meanwhile is looked up again, and is one segment sent.
        if (metrics != null && name.startsWith("seg-") && again) {
            metrics.segmentSent(tier.wireName());
        }
        HttpServerResponse response = ctx.response()
                .putHeader("Content-Type", file.contentType())
                .putHeader("ETag", file.etag())
                // A draft sent under the visit's own key is replaced by full quality later: it must not be kept as the final answer.
                .putHeader("Cache-Control", tier == RenderTier.FULL ? "public, max-age=31536000, immutable" : "no-cache")
                .putHeader("Accept-Ranges", "bytes");
        if (file.etag().equals(ctx.request().getHeader("If-None-Match"))) {
            response.setStatusCode(304).end();
            return;
        }
        ByteRange range = ByteRange.parse(ctx.request().getHeader("Range"), file.size());
        if (range == null) {
            response.sendFile(file.path().toString()).onFailure(e -> resend(ctx, key, name, again, e));
        } else if (range == ByteRange.UNSATISFIABLE) {
            ByteRange.unsatisfiable(ctx, file.size());
        } else {
            response.setStatusCode(206).putHeader("Content-Range", "bytes " + range.from() + "-" + range.to() + "/" + file.size());
            response.sendFile(file.path().toString(), range.from(), range.length()).onFailure(e -> resend(ctx, key, name, again, e));
        }
    }

    private void resend(RoutingContext ctx, String key, String name, boolean again, Throwable why) {
        if (ctx.response().headWritten()) {
            ctx.response().reset();
        } else if (again) {
            lookUpAndSend(ctx, key, name, false);
        } else {
            ctx.response().putHeader("Retry-After", "1");
            Problems.send(ctx, 503, "Not readable now", name + " of " + key + " could not be read (" + why.getMessage() + "); try again");
        }
    }
}
