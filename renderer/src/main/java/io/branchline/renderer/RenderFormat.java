package io.branchline.renderer;

/**
 * The picture and timing every segment of a story shares.
 *
 * @param width     frame width in pixels (even)
 * @param height    frame height in pixels (even)
 * @param fps       frames per second
 * @param segmentMs target length of one media segment
 */
public record RenderFormat(int width, int height, int fps, long segmentMs) {

    /** How many frames a stretch of this many milliseconds holds (at least one). */
    public int frames(long ms) {
        return (int) Math.max(1, Math.round(ms * fps / 1000.0));
    }

    /** Frames per media segment. */
    public int framesPerSegment() {
        return frames(segmentMs);
    }

    @Override
    public String toString() {
        return width + "x" + height + " " + fps + "fps";
    }
}
