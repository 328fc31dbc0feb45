package io.branchline.engine.store;

import io.branchline.renderer.RenderedScene.SegmentInfo;
import java.util.List;

/**
 * A complete scene visit in the store, as its manifest records it.
 *
 * @param key        the content key of the visit
 * @param frames     video frames in all
 * @param segments   its media segments in order
 * @param files      the names of its files (init, segments, captions, playlist), each checked before it is served
 * @param totalBytes what the visit takes on disk: its files and its manifest
 */
public record StoredScene(String key, int frames, List<SegmentInfo> segments, List<String> files, long totalBytes) {

    public StoredScene {
        segments = List.copyOf(segments);
        files = List.copyOf(files);
    }
}
