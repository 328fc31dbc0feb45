package io.branchline.renderer;

import io.branchline.renderer.encode.EncodedSegment;
import java.util.List;

/**
 * What rendering a scene visit gave.
 *
 * @param key          the content key: the same key, the same bytes
 * @param segments     the media segments (their bytes went to the sink as they were made)
 * @param captions     the WebVTT caption track of the visit
 * @param playlist     an HLS media playlist of the visit's segments (init.mp4, seg-NNNNN.m4s)
 * @param frames       video frames in all
 * @param times        time per stage
 * @param firstSegmentNanos time from the start of the render to the first finished segment
 */
public record RenderedScene(String key, List<SegmentInfo> segments, String captions, String playlist, int frames,
                            StageTimes times, long firstSegmentNanos) {

    /** A segment's place and length, and whether it holds labelled (AI-generated) frames. */
    public record SegmentInfo(int index, String file, int startFrame, int frames, double durationMs, boolean disclosed, long bytes) {
        static SegmentInfo of(EncodedSegment s, int fps) {
            return new SegmentInfo(s.index(), SceneFiles.segmentName(s.index()), s.startFrame(), s.frames(), s.durationMs(fps), s.disclosed(),
                    s.bytes().length);
        }
    }
}
