package io.branchline.renderer.provenance;

import io.branchline.renderer.encode.EncodedSegment;
import io.branchline.renderer.encode.SegmentSink;

/**
 * A sink that signs a visit as it is rendered: the visit is a stream of its own (its init
 * segment, then its segments numbered from 1), so every stored file carries Content Credentials
 * and is sent as it is stored (no work per request). A session's stream signs the same
 * segments again for its own timeline.
 */
public final class SigningSink implements SegmentSink {

    private final SegmentSink next;
    private final StreamSigner signer;
    private final StreamSigner.Stream stream;
    private final StreamSigner.Visit visit;
    private final java.util.Map<Integer, Long> sizes = new java.util.concurrent.ConcurrentHashMap<>();

    public SigningSink(SegmentSink next, StreamSigner signer, StreamSigner.Stream stream, StreamSigner.Visit visit) {
        this.next = next;
        this.signer = signer;
        this.stream = stream;
        this.visit = visit;
    }

    @Override
    public void init(byte[] bytes) {
        next.init(signer.signInit(bytes, stream));
    }

    @Override
    public void segment(EncodedSegment s) {
        byte[] signed = signer.signSegment(s.bytes(), s.index() + 1L, stream, visit);
        sizes.put(s.index(), (long) signed.length);
        next.segment(new EncodedSegment(s.index(), signed, s.startFrame(), s.frames(), s.disclosed()));
    }

    /** What the render gave, with each segment's size as signed (what the sink's receiver got). */
    public io.branchline.renderer.RenderedScene signed(io.branchline.renderer.RenderedScene scene) {
        java.util.List<io.branchline.renderer.RenderedScene.SegmentInfo> segments = new java.util.ArrayList<>();
        for (io.branchline.renderer.RenderedScene.SegmentInfo i : scene.segments()) {
            segments.add(new io.branchline.renderer.RenderedScene.SegmentInfo(i.index(), i.file(), i.startFrame(), i.frames(), i.durationMs(),
                    i.disclosed(), sizes.getOrDefault(i.index(), i.bytes())));
        }
        return new io.branchline.renderer.RenderedScene(scene.key(), segments, scene.captions(), scene.playlist(), scene.frames(), scene.times(),
                scene.firstSegmentNanos());
    }
}
