package io.branchline.engine.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.branchline.renderer.CaptionTrack;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Captions moved onto a session's timeline and cut to a segment, as the captions rendition serves them. */
class CaptionTrackTest {

    private static final List<CaptionTrack.Cue> CUES = List.of(new CaptionTrack.Cue(0, 2500, "Midnight."),
            new CaptionTrack.Cue(2500, 4000, "A bell --> rings"));

    @Test
    void cuesMoveToTheVisitAndAreCutToTheSegment() {
        String vtt = CaptionTrack.vtt(CUES, 10_000, 12_000, 13_000, "4-2-");
        assertEquals("WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:0,LOCAL:00:00:00.000\n\n4-2-1\n00:00:12.000 --> 00:00:12.500\nMidnight.\n\n"
                + "4-2-2\n00:00:12.500 --> 00:00:13.000\nA bell -> rings\n\n", vtt, "each cue's id is unique across the track's files");
    }

    @Test
    void aSegmentWithoutCaptionsIsAnEmptyButValidFile() {
        assertEquals("WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:0,LOCAL:00:00:00.000\n\n", CaptionTrack.vtt(CUES, 0, 4000, 5000, "0-4-"));
    }
}
