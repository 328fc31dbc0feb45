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
 * @param renderedBy the render node that made it (its name), or null when this process rendered it
 */
public record StoredScene(String key, int frames, List<SegmentInfo> segments, List<String> files, long totalBytes, String renderedBy) {

    public StoredScene {
        segments = List.copyOf(segments);
        files = List.copyOf(files);
    }

    /** A visit this process rendered. */
    public StoredScene(String key, int frames, List<SegmentInfo> segments, List<String> files, long totalBytes) {
        this(key, frames, segments, files, totalBytes, null);
    }
}
