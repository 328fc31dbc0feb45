package io.branchline.engine.stories;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.List;

/**
 * Keeps the catalog current: compiles every story at start, then rescans the folder every
 * {@code intervalMs} on a worker thread and recompiles what changed. A story with errors is
 * kept with its diagnostics but not served.
 */
public final class StoriesVerticle extends VerticleBase {

    /** Published on the event bus with the ids of changed stories after every rescan that found any. */
    public static final String CHANGED_ADDRESS = "branchline.stories.changed";

    private final StoryCatalog catalog;
    private final long intervalMs;
    private boolean scanning;

    public StoriesVerticle(StoryCatalog catalog, long intervalMs) {
        this.catalog = catalog;
        this.intervalMs = intervalMs;
    }

    @Override
    public Future<?> start() {
        return refresh().onSuccess(v -> vertx.setPeriodic(intervalMs, id -> {
            if (!scanning) {
                refresh();
            }
        }));
    }

    private Future<List<String>> refresh() {
        scanning = true;
        return vertx.executeBlocking(catalog::refresh, false)
                .onSuccess(changed -> {
                    if (!changed.isEmpty()) {
                        vertx.eventBus().publish(CHANGED_ADDRESS, String.join(",", changed));
                    }
                })
                .onFailure(e -> System.getLogger("branchline.stories").log(System.Logger.Level.WARNING,
                        "could not rescan " + catalog.folder() + ": " + e))
                .onComplete(r -> scanning = false);
    }
}
