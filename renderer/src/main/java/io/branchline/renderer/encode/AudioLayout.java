package io.branchline.renderer.encode;

/**
 * Which of a visit's AAC frames go into a segment, and where its audio starts.
 *
 * <p>The frames are one continuous stream over the whole visit: frame {@code i} carries the
 * sound of samples {@code [1024 i, 1024 i + 1024)} (the encoder's priming is dropped, see
 * {@link AacEncoder}), so the sound is in step with the picture to the sample. Each segment
 * takes the frames that <em>start</em> inside its span, at their own times: within a visit the
 * segments' audio follows on without a gap or an overlap, and the visit's first frame starts
 * exactly with its first picture.
 *
 * <p>A segment rarely ends on a frame boundary, so its last frame overhangs its end by less
 * than one frame (21 ms). Within the visit the next segment starts where that frame ends. When
 * the visit is cut there and another visit follows, that visit's first frame starts exactly at
 * the cut, inside the overhang, and Media Source Extensions trim the overhanging frame to the
 * cut (Chromium does, sample-accurately; measured). A shortened duration on that frame would
 * say the same thing in the file, but players decode and play the whole frame anyway
 * (Chromium and FFmpeg both do; measured), so it would not help them and is not written.
 *
 * @param firstFrame index of the segment's first frame
 * @param frames     how many frames the segment holds; none when no frame starts inside it
 *                   (a segment shorter than a frame, whose sound the frame before covers)
 */
record AudioLayout(int firstFrame, int frames) {

    /** Samples per channel in one AAC frame. */
    static final int FRAME = AacEncoder.FRAME;

    /** Where the segment's audio starts, in samples from the start of its visit. */
    long start() {
        return (long) firstFrame * FRAME;
    }

    /**
     * The layout of the segment that spans samples {@code [from, to)} of its visit.
     *
     * @throws IllegalArgumentException when the span is empty
     */
    static AudioLayout of(long from, long to) {
        if (to <= from || from < 0) {
            throw new IllegalArgumentException("a segment spans at least one sample: " + from + " to " + to);
        }
        int first = framesNeeded(from);
        return new AudioLayout(first, framesNeeded(to) - first);
    }

    /** How many frames the encoder must have made before a segment ending at sample {@code to} can be written. */
    static int framesNeeded(long to) {
        return Math.toIntExact(-Math.floorDiv(-to, FRAME));
    }
}
