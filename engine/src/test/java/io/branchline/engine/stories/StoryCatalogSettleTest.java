package io.branchline.engine.stories;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalog compiles a changed file only once it stands still, so a story being written is
 * never compiled half-written. The test plays the writer: it writes the file in parts and
 * tells the catalog each file's size and time itself, so no test waits on a clock.
 */
class StoryCatalogSettleTest {

    private static final String STORY = "title: Doors\n=== start ===\nshot 1s title \"Hello\"\n-> END\n";

    private final Map<Path, Long> times = new HashMap<>();

    /** Size from the disk, time from the test: what a file system with a coarse clock would show. */
    private String stamp(Path p) {
        try {
            return Files.size(p) + "@" + times.getOrDefault(p, 0L);
        } catch (java.io.IOException e) {
            return "missing";
        }
    }

    @Test
    void aFileBeingWrittenIsCompiledOnceItStandsStill(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("doors.story");
        StoryCatalog catalog = new StoryCatalog(dir, this::stamp);
        assertEquals(List.of(), catalog.refresh());

        Files.writeString(file, "title: Doors\n");                // the editor has written the header so far
        assertEquals(List.of(), catalog.refreshSettled(), "a new file is not compiled at the scan that first sees it");
        Files.writeString(file, STORY);                             // ... and now the rest
        assertEquals(List.of(), catalog.refreshSettled(), "it changed since the last scan: still being written");
        assertTrue(catalog.story("doors").isEmpty());
        assertEquals(List.of("doors"), catalog.refreshSettled(), "the same size and time twice: compiled");
        assertTrue(catalog.story("doors").orElseThrow().servable(), () -> catalog.story("doors").orElseThrow().result().diagnostics()
                .toString());

        // An edit of the same size is noticed by the time alone.
        times.put(file, 5L);
        Files.writeString(file, STORY.replace("Hello", "Hallo"));
        assertEquals(List.of(), catalog.refreshSettled());
        assertTrue(catalog.story("doors").orElseThrow().servable(), "the last good compile is served while the file settles");
        assertEquals(List.of("doors"), catalog.refreshSettled());
        var compiled = catalog.story("doors").orElseThrow();
        assertTrue(compiled.servable(), compiled.result().diagnostics()::toString);
        assertEquals(List.of(), catalog.refreshSettled(), "nothing changed: nothing compiled");
    }

    @Test
    void anExplicitRefreshCompilesAtOnce(@TempDir Path dir) throws Exception {
        StoryCatalog catalog = new StoryCatalog(dir, this::stamp);
        Files.writeString(dir.resolve("doors.story"), STORY);
        assertEquals(List.of("doors"), catalog.refresh());
        Files.delete(dir.resolve("doors.story"));
        assertEquals(List.of("doors"), catalog.refreshSettled(), "a removed story goes at once");
        assertTrue(catalog.stories().isEmpty());
    }
}
