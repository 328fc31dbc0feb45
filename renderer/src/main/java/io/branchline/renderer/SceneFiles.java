package io.branchline.renderer;

import io.branchline.renderer.hls.Playlists;
import java.util.List;
import java.util.Locale;

/** The names and texts of a rendered scene's files: segments, its playlist and its captions. */
public final class SceneFiles {

    public static final String INIT = "init.mp4";
    public static final String PLAYLIST = "index.m3u8";
    public static final String CAPTIONS = "captions.vtt";

    private SceneFiles() {
    }

    public static String segmentName(int index) {
        return String.format(Locale.ROOT, "seg-%05d.m4s", index);
    }

    /** An HLS VOD media playlist (version 7, fMP4) of segments with the given durations. */
    public static String playlist(List<RenderedScene.SegmentInfo> segments, String initUri) {
        double longest = segments.stream().mapToDouble(RenderedScene.SegmentInfo::durationMs).max().orElse(1000);
        List<Playlists.Entry> entries = segments.stream().map(s -> new Playlists.Entry(s.file(), s.durationMs() / 1000.0)).toList();
        return Playlists.media("VOD", Playlists.targetDuration(longest / 1000.0), initUri, false, entries, true);
    }

    /** A WebVTT cue time, {@code hh:mm:ss.mmm}. */
    public static String vttTime(double ms) {
        long t = Math.round(ms);
        return String.format(Locale.ROOT, "%02d:%02d:%02d.%03d", t / 3_600_000, (t / 60_000) % 60, (t / 1000) % 60, t % 1000);
    }
}
