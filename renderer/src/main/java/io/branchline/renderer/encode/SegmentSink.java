package io.branchline.renderer.encode;

/** Receives a scene's segments as they are finished, init first, then media segments in order. */
public interface SegmentSink {

    /** The init segment ({@code ftyp} + {@code moov}); the same bytes for every scene of a format. */
    void init(byte[] bytes);

    /** The next media segment, as soon as its last byte is written. */
    void segment(EncodedSegment segment);
}
