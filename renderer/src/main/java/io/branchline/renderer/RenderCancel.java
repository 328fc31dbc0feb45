package io.branchline.renderer;

/**
 * A render's cancel token: whoever started the render may {@link #cancel} it from any thread;
 * the renderer {@link #check}s it before each frame and ends with {@link RenderCancelled}, and
 * may be held there ({@link #beforeEachFrame}).
 * Frames are the boundary because a frame is where the renderer holds no model call in
 * flight: closing the models after a cancelled render has ended is then safe.
 */
public final class RenderCancel {

    /** The token of a render nobody cancels (the command-line renders, benchmarks, tests). */
    public static final RenderCancel NEVER = new RenderCancel();

    private volatile String reason;
    private volatile Runnable beforeFrame;

    /** Asks the render to stop at its next frame; the first reason given is the one reported. */
    public void cancel(String why) {
        if (this == NEVER) {
            throw new UnsupportedOperationException("RenderCancel.NEVER cannot be cancelled");
        }
        if (reason == null) {
            reason = why;
        }
    }

    public boolean cancelled() {
        return reason != null;
    }

    /**
     * Runs {@code hook} on the render's thread before each frame, ahead of the cancel check: where
     * whoever started the render may hold it (a pause, which frees its processor for another render
     * at once rather than at the end of a segment). The hook may block; it may cancel the token.
     */
    public void beforeEachFrame(Runnable hook) {
        if (this == NEVER) {
            throw new UnsupportedOperationException("RenderCancel.NEVER takes no hook");
        }
        beforeFrame = hook;
    }

    /**
     * Called by the render before frame {@code frame} (counted from the visit's start).
     *
     * @throws RenderCancelled when the render was cancelled
     */
    public void check(int frame) {
        Runnable hook = beforeFrame;
        if (hook != null) {
            hook.run();
        }
        String why = reason;
        if (why != null) {
            throw new RenderCancelled(frame, why);
        }
    }
}
