package io.branchline.renderer.encode;

/** Receives a scene's segments as they are finished, init first, then media segments in order. */
public interface SegmentSink {

    /** The init segment ({@code ftyp} + {@code moov}); the same bytes for every scene of a format. */
    void init(byte[] bytes);

    /** The next media segment, as soon as its last byte is written. */
    void segment(EncodedSegment segment);

    /** This sink, then {@code after} told of each segment once this sink has taken it. */
    default SegmentSink thenEach(java.util.function.Consumer<EncodedSegment> after) {
        SegmentSink first = this;
        return new SegmentSink() {
            @Override
            public void init(byte[] bytes) {
                first.init(bytes);
            }

            @Override
            public void segment(EncodedSegment segment) {
                first.segment(segment);
                after.accept(segment);
            }
        };
    }
}
