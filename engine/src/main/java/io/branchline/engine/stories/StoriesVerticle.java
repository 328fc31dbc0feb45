package io.branchline.engine.stories;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.List;

/**
 * Keeps the catalog current: compiles every story at start, then rescans the folder every
 * {@code intervalMs} on a worker thread and recompiles what changed once it stands still. A story with errors is
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
        // At start every story is compiled at once; later a changed file waits until it stands
        // still, so one that is being written is never compiled half-written.
        return refresh(catalog::refresh).onSuccess(v -> vertx.setPeriodic(intervalMs, id -> {
            if (!scanning) {
                refresh(catalog::refreshSettled);
            }
        }));
    }

    private Future<List<String>> refresh(java.util.concurrent.Callable<List<String>> scan) {
        scanning = true;
        return vertx.executeBlocking(scan, false)
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
