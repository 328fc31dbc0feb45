package io.branchline.engine.store;

import io.branchline.renderer.ContentKey;
import io.branchline.renderer.RenderedScene;
import io.branchline.renderer.RenderedScene.SegmentInfo;
import io.branchline.renderer.SceneFiles;
import io.branchline.renderer.StageTimes;
import io.branchline.renderer.encode.EncodedSegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A render made by hand: random bytes for the init and media segments, decided by the key. */
record FakeRender(String key, byte[] init, List<EncodedSegment> segments, RenderedScene scene) {

    static final int FPS = 30;

    static String key(String name) {
        return ContentKey.sha256(name);
    }

    /** The same key gives the same bytes, as a real render does. */
    static FakeRender of(String key, int segments, int bytes) {
        Random random = new Random(key.hashCode());
        byte[] init = new byte[200];
        random.nextBytes(init);
        List<EncodedSegment> list = new ArrayList<>();
        List<SegmentInfo> infos = new ArrayList<>();
        for (int i = 0; i < segments; i++) {
            byte[] b = new byte[bytes];
            random.nextBytes(b);
            EncodedSegment s = new EncodedSegment(i, b, i * 30, 30, i == 0);
            list.add(s);
            infos.add(new SegmentInfo(i, SceneFiles.segmentName(i), s.startFrame(), s.frames(), s.durationMs(FPS), s.disclosed(), b.length));
        }
        String captions = "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nHello from " + key.substring(0, 8) + "\n";
        RenderedScene scene = new RenderedScene(key, infos, captions, SceneFiles.playlist(infos, SceneFiles.INIT), segments * 30,
                StageTimes.ZERO, 0);
        return new FakeRender(key, init, list, scene);
    }

    static FakeRender of(String key) {
        return of(key, 3, 1000);
    }

    /** Hands the init and every segment to the writer, as the renderer would. */
    void writeSegments(SceneWriter writer) {
        writer.init(init);
        segments.forEach(writer::segment);
    }

    StoredScene store(SegmentStore store) {
        try (SceneWriter writer = store.writer(key)) {
            writeSegments(writer);
            return writer.commit(scene);
        }
    }

    byte[] segment(int index) {
        return segments.get(index).bytes();
    }
}
