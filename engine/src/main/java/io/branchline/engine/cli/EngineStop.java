package io.branchline.engine.cli;

import io.branchline.engine.store.SegmentStore;
import io.branchline.renderer.RenderTools;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * Stops a serving engine in the one safe order, once, from whichever thread asks first (the
 * signal handler's waiter or a shutdown hook): Vert.x first, whose render worker cancels its
 * renders and waits for their threads before it closes the models; then the models again
 * (a no-op unless the render worker never started, and {@link RenderTools#close()} itself
 * waits for any other render, a poster, still using them); then the store, which no render
 * writes to any more.
 */
final class EngineStop implements Runnable {

    private final Vertx vertx;
    private final RenderTools tools;
    private final SegmentStore store;
    private final PrintWriter out;
    private boolean done;

    EngineStop(Vertx vertx, RenderTools tools, SegmentStore store, PrintWriter out) {
        this.vertx = vertx;
        this.tools = tools;
        this.store = store;
        this.out = out;
    }

    /**
     * Serves until SIGTERM or Ctrl-C, then stops in order and returns 0; a shutdown hook covers any
     * other way the JVM is asked to exit.
     */
    int untilAsked() throws InterruptedException {
        Runtime.getRuntime().addShutdownHook(new Thread(this, "branchline-stop"));
        java.util.concurrent.CountDownLatch stopAsked = new java.util.concurrent.CountDownLatch(1);
        StopSignals.onStop(stopAsked::countDown);
        stopAsked.await();
        run();
        return 0;
    }

    @Override
    public synchronized void run() {
        if (done) {
            return;
        }
        done = true;
        vertx.close().await();
        tools.close();
        try {
            store.close();
        } catch (IOException e) {
            // Shutting down: the next start cleans up whatever was left.
        }
        out.println("Branchline stopped.");
        out.flush();
    }
}
