package io.branchline.engine.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.story.StoryCompiler;
import io.branchline.story.eval.Evaluator;
import io.branchline.story.eval.ViewerState;
import io.branchline.story.model.StoryJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sessions as append-only logs: a line per change, a torn last line survived, old whole-file sessions read. */
class SessionLogTest {

    @TempDir
    Path dir;
    private ViewerState state;

    @BeforeEach
    void story() {
        var story = StoryCompiler.compileString("s.story", "=== a ===\nshot 2s color \"#000000\"\n-> END\n").story();
        state = new Evaluator(story).initialState();
    }

    private SessionFile session(int visits, long lastEnd, long promised) {
        List<Played> timeline = new ArrayList<>();
        for (int i = 0; i < visits; i++) {
            timeline.add(new Played("a", state, i * 2000L, i == visits - 1 ? i * 2000L + lastEnd : (i + 1) * 2000L));
        }
        return new SessionFile(SessionFile.VERSION, "s1", "story", "hash", timeline, promised);
    }

    private List<String> lines() throws Exception {
        return Files.readAllLines(dir.resolve("s1.log"), StandardCharsets.UTF_8);
    }

    @Test
    void eachSaveAppendsOnlyWhatChanged() throws Exception {
        SessionLog log = new SessionLog(dir);
        log.save(session(1, 2000, 0));
        assertEquals(2, lines().size(), "a header and the first visit");
        log.save(session(2, 2000, 0));
        log.save(session(2, 1000, 1500));
        List<String> lines = lines();
        assertEquals(5, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(3).contains("\"t\":\"end\"") && lines.get(4).contains("\"t\":\"promised\""), String.join("\n", lines));
        assertEquals(List.of(session(2, 1000, 1500)), new SessionLog(dir).loadAll(), "a fresh reader replays it to the same session");
    }

    @Test
    void aLongSessionCostsALineAVisit() throws Exception {
        SessionLog log = new SessionLog(dir);
        for (int n = 1; n <= 300; n++) {
            log.save(session(n, 2000, 0));
        }
        assertEquals(301, lines().size());
        assertTrue(Files.size(dir.resolve("s1.log")) < 300 * 400, "about a line a visit: " + Files.size(dir.resolve("s1.log")));
        assertEquals(300, new SessionLog(dir).loadAll().get(0).timeline().size());
    }

    @Test
    void aTornLastLineLosesOnlyThatChangeAndTheNextSaveRewritesTheLog() throws Exception {
        SessionLog log = new SessionLog(dir);
        log.save(session(2, 2000, 0));
        log.save(session(3, 2000, 0));
        String text = Files.readString(dir.resolve("s1.log"));
        Files.writeString(dir.resolve("s1.log"), text.substring(0, text.length() - 25)); // a crash in the middle of the last line
        SessionLog reader = new SessionLog(dir);
        SessionFile restored = reader.loadAll().get(0);
        assertEquals(session(2, 2000, 0), restored, "as it was one change earlier");
        reader.save(session(3, 2000, 0));
        assertEquals(4, lines().size(), "rewritten whole, no torn line left in the middle");
        assertEquals(List.of(session(3, 2000, 0)), new SessionLog(dir).loadAll());
    }

    @Test
    void aWholeSessionFileOfVersionOneOrTwoReadsAndBecomesALog() throws Exception {
        var mapper = StoryJson.mapper();
        var json = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.valueToTree(session(2, 2000, 3000));
        json.put("version", 1).remove("promisedMs");
        Files.writeString(dir.resolve("s1.json"), mapper.writeValueAsString(json));
        SessionLog log = new SessionLog(dir);
        SessionFile old = log.loadAll().get(0);
        assertEquals(session(2, 2000, 0), old, "nothing was promised in a version 1 file");
        log.save(session(3, 2000, 0));
        assertTrue(Files.exists(dir.resolve("s1.log")) && !Files.exists(dir.resolve("s1.json")));
        assertEquals(List.of(session(3, 2000, 0)), new SessionLog(dir).loadAll());
    }
}
