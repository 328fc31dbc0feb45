package io.branchline.engine.render;

import io.branchline.renderer.RenderCancel;
import io.branchline.renderer.RenderCancelled;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The render worker's own threads, each render with a cancel token. Owned rather than Vert.x's
 * shared worker pool because stopping must know when the last render has left the models:
 * Vert.x closes without waiting for blocking tasks, and the models must not be closed under a
 * running render (see {@link io.branchline.renderer.RenderTools}).
 */
final class RenderThreads {

    private final ThreadPoolExecutor executor;
    private final Set<RenderCancel> running = ConcurrentHashMap.newKeySet();

    /**
     * A thread for every render started, parked ones included: the scheduler bounds how many run
     * and how many are parked, and a render it starts must never wait for a thread a parked render
     * holds (that waits in turn for a slot the first one holds). {@code threads} are kept warm.
     */
    RenderThreads(int threads) {
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "branchline-render-" + n.incrementAndGet());
            // Daemon: a render must never keep a JVM alive by itself; stopping waits for them explicitly.
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs {@code render} on a render thread with a fresh token; the result comes back on {@code context}. */
    <T> Future<T> run(Context context, Function<RenderCancel, T> render) {
        RenderCancel cancel = new RenderCancel();
        Promise<T> promise = Promise.promise();
        running.add(cancel);
        try {
            executor.execute(() -> {
                try {
                    T result = render.apply(cancel);
                    context.runOnContext(v -> promise.complete(result));
                } catch (Throwable e) {
                    context.runOnContext(v -> promise.fail(e));
                } finally {
                    running.remove(cancel);
                }
            });
        } catch (RejectedExecutionException stopped) {
            running.remove(cancel);
            promise.fail(new RenderCancelled(0, "the render worker has stopped"));
        }
        return promise.future();
    }

    /** Asks every running render to stop at its next frame. */
    void cancelAll(String reason) {
        running.forEach(c -> c.cancel(reason));
    }

    /**
     * Takes no more renders and waits, blocking, for the running ones to end.
     *
     * @return whether every render thread ended within {@code waitMs}
     */
    boolean shutdownAndWait(long waitMs) throws InterruptedException {
        executor.shutdown();
        return executor.awaitTermination(waitMs, TimeUnit.MILLISECONDS);
    }

    /** Renders not yet ended. */
    int running() {
        return running.size();
    }
}
