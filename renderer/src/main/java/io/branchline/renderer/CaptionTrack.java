package io.branchline.renderer;

import io.branchline.story.eval.ResolvedShot;
import java.util.ArrayList;
import java.util.List;

/**
 * A visit's captions, worked out from its resolved shots alone: one cue per shot that has a
 * caption, over that shot's frames. The renderer writes them as the visit's {@code captions.vtt};
 * the engine gives them to players before (and without) any render, so captions are on time
 * even for a scene rendered late.
 */
public final class CaptionTrack {

    private CaptionTrack() {
    }

    /** One cue, in milliseconds from the visit's start. */
    public record Cue(long startMs, long endMs, String text) {
    }

    /** The cues of a visit, in order. */
    public static List<Cue> cues(SceneRequest request) {
        RenderFormat format = request.format();
        List<Cue> out = new ArrayList<>();
        int frame = 0;
        for (ResolvedShot shot : request.shots()) {
            int frames = format.frames(shot.durationMs());
            if (shot.caption() != null) {
                out.add(new Cue(Math.round(frame * 1000.0 / format.fps()), Math.round((frame + frames) * 1000.0 / format.fps()),
                        shot.caption()));
            }
            frame += frames;
        }
        return out;
    }

    /** A WebVTT file of {@code cues} as they are, numbered from 1 (a visit's own {@code captions.vtt}). */
    public static String vtt(List<Cue> cues) {
        return vtt(cues, 0, 0, Long.MAX_VALUE, "");
    }

    /**
     * A WebVTT file of {@code cues} moved {@code shiftMs} on, keeping only what falls inside
     * {@code [fromMs, toMs)} (times after the shift) and cutting cues at those edges. Each cue's
     * identifier is {@code idPrefix} and its number: players such as hls.js keep one cue per
     * identifier for a whole track, so the files of one track need prefixes of their own.
     */
    public static String vtt(List<Cue> cues, long shiftMs, long fromMs, long toMs, String idPrefix) {
        StringBuilder vtt = new StringBuilder("WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:0,LOCAL:00:00:00.000\n\n");
        int n = 0;
        for (Cue c : cues) {
            long start = Math.max(fromMs, c.startMs() + shiftMs);
            long end = Math.min(toMs, c.endMs() + shiftMs);
            n++;
            if (end > start) {
                vtt.append(idPrefix).append(n).append('\n').append(SceneFiles.vttTime(start)).append(" --> ").append(SceneFiles.vttTime(end))
                        .append('\n').append(c.text().replace("-->", "->")).append("\n\n");
            }
        }
        return vtt.toString();
    }
}
