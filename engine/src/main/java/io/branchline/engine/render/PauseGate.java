package io.branchline.engine.render;

import io.branchline.renderer.RenderCancel;
import java.util.concurrent.CompletableFuture;

/**
 * Lets a running render pause: the event loop asks it to ({@link #askToPause()}); the render's
 * worker thread sees it at its next pause point (before its next frame, where the renderer looks
 * at its cancel token, or after its next segment for a render that does not), hands the event
 * loop a future and waits on it ({@link #await}); the event loop either lets it go on at once,
 * parks it ({@link #parked}) until {@link #resume()}, or {@link #stop()}s it, which cancels the
 * render's token rather than throwing: a pause point may be the segment sink's callback, which
 * the encoder calls from inside FFmpeg's write callback (JavaCV would turn an exception there into
 * a failed write and a line on standard error). The render then ends at its next frame's check
 * like any cancelled render (nothing is committed: the segment store's writer discards what it
 * wrote). The caller looks at {@link #stopped()} to tell a drop from a fault.
 *
 * <p>A parked render keeps its worker thread but no slot: the scheduler bounds how many are
 * parked (see {@code RenderScheduler.toPause}).
 */
final class PauseGate {

    private volatile boolean pauseAsked;
    private volatile boolean stopped;
    /** The future the parked render waits on; touched on the event loop only. */
    private CompletableFuture<Boolean> parked;

    boolean stopped() {
        return stopped;
    }

    void askToPause() {
        pauseAsked = true;
    }

    /** Read by the render thread at each pause point. */
    boolean pauseAsked() {
        return pauseAsked;
    }

    /** On the render thread: waits until the event loop says go on (true) or stop (false: {@code cancel} is cancelled). */
    void await(CompletableFuture<Boolean> goOn, RenderCancel cancel) {
        pauseAsked = false;
        if (!goOn.join() || stopped) {
            cancel.cancel("the render was dropped while paused");
        }
    }

    /** On the event loop: the render waits on {@code goOn} until resumed or stopped. */
    void parked(CompletableFuture<Boolean> goOn) {
        parked = goOn;
        if (stopped) {
            goOn.complete(false);
        }
    }

    void resume() {
        CompletableFuture<Boolean> p = parked;
        parked = null;
        if (p != null) {
            p.complete(true);
        }
    }

    void stop() {
        stopped = true;
        CompletableFuture<Boolean> p = parked;
        parked = null;
        if (p != null) {
            p.complete(false);
        }
    }
}
