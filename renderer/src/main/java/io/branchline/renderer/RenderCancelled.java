package io.branchline.renderer;

/**
 * A render stopped at a frame boundary because its {@link RenderCancel} was cancelled. Not a
 * {@link RenderException}: nothing was wrong with the input, so whoever asked is told the render
 * was cancelled, not that it failed.
 */
public final class RenderCancelled extends RuntimeException {

    private final int frame;

    public RenderCancelled(int frame, String reason) {
        super("cancelled before frame " + frame + ": " + reason, null, false, false);
        this.frame = frame;
    }

    /** The frame the render would have made next (counted from the visit's start). */
    public int frame() {
        return frame;
    }
}
