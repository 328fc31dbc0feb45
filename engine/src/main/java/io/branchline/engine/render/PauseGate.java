package io.branchline.engine.render;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

/**
 * Lets a running render pause between two segments: the event loop asks it to
 * ({@link #askToPause()}); the render's worker thread sees it at its next segment boundary,
 * hands the event loop a future and waits on it ({@link #await}); the event loop either lets
 * it go on at once, parks it ({@link #parked}) until {@link #resume()}, or {@link #stop()}s it,
 * which ends the render with a {@link CancellationException} (nothing is committed: the
 * segment store's writer discards what it wrote). The boundary is the segment sink's callback,
 * which the encoder calls from inside FFmpeg's write callback: JavaCV turns the exception into
 * a failed write (and prints one line to standard error), so the render ends as a failure and
 * the caller must look at {@link #stopped()}, not at the exception, to tell a drop from a fault.
 *
 * <p>A parked render keeps its worker thread but no slot: the scheduler allows at most as
 * many paused renders as slots, so parked threads stay few.
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

    /** Read by the render thread at a segment boundary. */
    boolean pauseAsked() {
        return pauseAsked;
    }

    /** On the render thread: waits until the event loop says go on (true) or stop (false). */
    void await(CompletableFuture<Boolean> goOn) {
        pauseAsked = false;
        if (!goOn.join() || stopped) {
            throw new CancellationException("the render was dropped while paused");
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
