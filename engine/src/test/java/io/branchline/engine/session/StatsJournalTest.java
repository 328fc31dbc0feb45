package io.branchline.engine.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The viewers' picks survive a crash, a corrupt snapshot and the old file format, and are never counted twice. */
class StatsJournalTest {

    @TempDir
    Path dir;

    @Test
    void picksSurviveACrashBeforeAnySnapshot() throws Exception {
        StatsJournal journal = new StatsJournal(dir);
        journal.load();
        journal.picked("s/hall", "left");
        journal.picked("s/hall", "left");
        journal.picked("s/hall", "right");
        assertEquals(Map.of("s/hall", Map.of("left", 2L, "right", 1L)), new StatsJournal(dir).load());
    }

    @Test
    void timerDefaultsAreCountedApartFromPicksAcrossSnapshotsAndRestarts() throws Exception {
        StatsJournal journal = new StatsJournal(dir);
        journal.load();
        journal.picked("s/hall", "right");
        journal.timedOut("s/hall", "left");
        journal.snapshot();
        journal.timedOut("s/hall", "left");
        StatsJournal again = new StatsJournal(dir);
        assertEquals(Map.of("s/hall", Map.of("right", 1L)), again.load(), "the timer's defaults are not viewers' picks");
        assertEquals(Map.of("s/hall", Map.of("left", 2L)), again.timerCounts());
    }

    @Test
    void aSnapshotAndTheJournalAreNeverCountedTwice() throws Exception {
        StatsJournal journal = new StatsJournal(dir);
        journal.load();
        journal.picked("s/hall", "left");
        journal.snapshot();
        journal.picked("s/hall", "right");
        journal.snapshot();
        journal.picked("s/hall", "right");
        assertEquals(Map.of("s/hall", Map.of("left", 1L, "right", 2L)), new StatsJournal(dir).load());
    }

    @Test
    void aCorruptSnapshotIsRebuiltFromTheOneBeforeAndTheJournal() throws Exception {
        StatsJournal journal = new StatsJournal(dir);
        journal.load();
        for (int i = 0; i < 5; i++) {
            journal.picked("s/hall", "left");
            journal.snapshot();
        }
        journal.picked("s/hall", "right");
        Files.writeString(dir.resolve("stats.json"), "{\"version\":2,\"upTo\":5,\"cou");
        assertEquals(Map.of("s/hall", Map.of("left", 5L, "right", 1L)), new StatsJournal(dir).load(), "nothing lost");
        Files.writeString(dir.resolve("stats.journal"), Files.readString(dir.resolve("stats.journal")) + "{\"n\":7,\"choi");
        assertEquals(Map.of("s/hall", Map.of("left", 5L, "right", 1L)), new StatsJournal(dir).load(), "a torn last pick is skipped");
    }

    @Test
    void theFirstFormatABareMapOfCountsStillReads() throws Exception {
        Files.writeString(dir.resolve("stats.json"), "{\"s/hall@8\": {\"left\": 4}}");
        StatsJournal journal = new StatsJournal(dir);
        assertEquals(Map.of("s/hall@8", Map.of("left", 4L)), journal.load());
        journal.picked("s/hall", "left");
        journal.snapshot();
        assertEquals(Map.of("s/hall@8", Map.of("left", 4L), "s/hall", Map.of("left", 1L)), new StatsJournal(dir).load());
    }
}
