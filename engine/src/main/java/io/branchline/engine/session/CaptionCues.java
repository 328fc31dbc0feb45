package io.branchline.engine.session;

import io.branchline.renderer.SceneFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Moves a visit's WebVTT captions (times from the visit's start) onto a session's timeline, for
 * the session's subtitles playlist: cues shifted by the visit's start, cut at its end.
 */
final class CaptionCues {

    private static final Pattern TIMING = Pattern.compile("(\\d{2,}):(\\d{2}):(\\d{2})\\.(\\d{3}) --> (\\d{2,}):(\\d{2}):(\\d{2})\\.(\\d{3})(.*)");

    private CaptionCues() {
    }

    /** The cues of {@code vtt} that start before {@code lengthMs}, moved {@code startMs} on. */
    static String shift(String vtt, long startMs, long lengthMs) {
        StringBuilder out = new StringBuilder("WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:0,LOCAL:00:00:00.000\n\n");
        int cue = 0;
        for (String block : vtt.replace("\r\n", "\n").split("\n\n+")) {
            List<String> lines = new ArrayList<>(List.of(block.split("\n")));
            int timing = -1;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains("-->")) {
                    timing = i;
                    break;
                }
            }
            if (timing < 0) {
                continue;
            }
            Matcher m = TIMING.matcher(lines.get(timing).trim());
            if (!m.matches()) {
                continue;
            }
            long from = ms(m, 1);
            long to = Math.min(ms(m, 5), lengthMs);
            if (from >= lengthMs || to <= from) {
                continue;
            }
            out.append(++cue).append('\n').append(SceneFiles.vttTime(startMs + from)).append(" --> ")
                    .append(SceneFiles.vttTime(startMs + to)).append(m.group(9)).append('\n');
            lines.subList(timing + 1, lines.size()).forEach(l -> out.append(l).append('\n'));
            out.append('\n');
        }
        return out.toString();
    }

    private static long ms(Matcher m, int group) {
        return Long.parseLong(m.group(group)) * 3_600_000 + Long.parseLong(m.group(group + 1)) * 60_000
                + Long.parseLong(m.group(group + 2)) * 1000 + Long.parseLong(m.group(group + 3));
    }
}
