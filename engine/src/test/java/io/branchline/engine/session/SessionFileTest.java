package io.branchline.engine.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.branchline.story.StoryCompiler;
import io.branchline.story.eval.Evaluator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The session file: a round trip, and a version 1 file (before the promise was kept) still reads. */
class SessionFileTest {

    @TempDir
    Path dir;

    @Test
    void aSessionFileRoundTripsAndAVersionOneFileReads() throws Exception {
        var story = StoryCompiler.compileString("s.story", "=== a ===\nshot 2s color \"#000000\"\n-> END\n").story();
        Played played = new Played("a", new Evaluator(story).initialState(), 0, 2000);
        SessionDisk disk = new SessionDisk(dir.resolve("sessions"));
        Files.createDirectories(dir.resolve("sessions"));
        SessionFile file = new SessionFile(SessionFile.VERSION, "s1", "story", "hash", List.of(played), 3000);
        disk.save(file);
        assertEquals(List.of(file), disk.loadAll());

        var mapper = io.branchline.story.model.StoryJson.mapper();
        var json = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(dir.resolve("sessions/s1.json").toFile());
        json.put("version", 1).remove("promisedMs");
        String v1 = mapper.writeValueAsString(json);
        Files.writeString(dir.resolve("sessions/s1.json"), v1);
        SessionFile old = disk.loadAll().get(0);
        assertEquals(0, old.promisedMs(), "nothing was promised in a version 1 file: " + v1);
        assertEquals(file.timeline(), old.timeline());
    }
}
