package io.branchline.engine.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CaptionCuesTest {

    @Test
    void cuesMoveToTheVisitsStartAndStopAtItsEnd() {
        String vtt = "WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:0,LOCAL:00:00:00.000\n\n1\n00:00:00.500 --> 00:00:03.000\nHi,\nthere\n\n"
                + "2\n00:00:04.000 --> 00:00:05.000\nToo late\n";
        assertEquals("WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:0,LOCAL:00:00:00.000\n\n1\n00:01:10.500 --> 00:01:12.000\nHi,\nthere\n\n",
                CaptionCues.shift(vtt, 70_000, 2_000));
    }

    @Test
    void aVisitWithoutCaptionsGivesAnEmptyTrack() {
        assertEquals("WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:0,LOCAL:00:00:00.000\n\n", CaptionCues.shift("WEBVTT\n\n", 0, 1000));
    }
}
