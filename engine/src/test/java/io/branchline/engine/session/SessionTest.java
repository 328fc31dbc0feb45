package io.branchline.engine.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.story.CompileResult;
import io.branchline.story.StoryCompiler;
import io.branchline.story.eval.Evaluator;
import io.branchline.story.model.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A viewer's session on the media clock: windows, picks, defaults, cut, questions, back, endings, restarts. */
class SessionTest {

    private static final String STORY = """
            format: 240x426 30fps
            segment: 2s
            var keys = 0
            var name = "Ann"
            === hall ===
            shot 4s color "#102030"
            choice 2s default left
              * "Left" -> left
              * "Right" ~ keys += 1 -> right
            === left ===
            shot 2s title "Left, {keys}"
            -> END
            === right ===
            shot 3s title "Right"
            ask name "Your name?" 2s default "Bo" -> vault
            === vault ===
            shot 2s title "Hello {name}"
            -> END
            === long ===
            shot 6s color "#000000"
            choice 6s cut default left
              * "Now" -> right
              * "Later" -> left
            """;

    private static Evaluator evaluator() {
        CompileResult r = StoryCompiler.compileString("s.story", STORY);
        assertTrue(r.ok(), r.diagnostics()::toString);
        return new Evaluator(r.story());
    }

    private static List<String> scenes(Session s) {
        return s.timeline().stream().map(Played::entered).toList();
    }

    @Test
    void theWindowClosesWithTheVideoAndAPickTakesEffectThere() {
        Session s = Session.start("s1", "story", evaluator());
        List<SessionEvent> events = s.drainEvents();
        assertEquals(List.of("scene-started", "choice-open"), events.stream().map(SessionEvent::type).toList());
        assertEquals(2000, events.get(1).atMs());
        assertEquals(List.of("Left", "Right"), events.get(1).detail());
        assertEquals(409, s.choose(1, 1500).status(), "too early: the options open at 2 s");
        assertEquals(400, s.choose(5, 2500).status());
        assertTrue(s.choose(1, 2500).accepted());
        assertEquals(List.of("hall", "right"), scenes(s));
        assertEquals(4000, s.timeline().get(1).startMs(), "the pick takes effect when the video ends");
        assertEquals(new Value.Num(1), s.timeline().get(1).before().variables().get("keys"), "the option's assignment ran before");
        assertEquals("choice-closed", s.drainEvents().get(0).type());
    }

    @Test
    void aPickAfterTheWindowIsRefusedAndTheDefaultIsTaken() {
        Session s = Session.start("s1", "story", evaluator());
        var late = s.choose(1, 4100);
        assertEquals(409, late.status());
        assertTrue(late.problem().contains("closed at 4.0s"), late.problem());
        assertEquals(List.of("hall", "left"), scenes(s));
        assertTrue(s.ended(), "left ends the story");
        assertEquals("ended", s.drainEvents().stream().reduce((a, b) -> b).orElseThrow().type());
    }

    @Test
    void aClientThatReportsNothingStillGetsTheDefault() {
        Session s = Session.start("s1", "story", evaluator());
        s.advance(3999);
        assertEquals(List.of("hall"), scenes(s));
        s.advance(4000);
        assertEquals(List.of("hall", "left"), scenes(s));
    }

    @Test
    void cutTakesEffectAtTheNextSegmentBoundary() {
        Evaluator ev = evaluator();
        Session s = Session.restore("s1", "story", ev, List.of(new Played("long", ev.initialState(), 0, 6000)));
        assertTrue(s.choose(0, 2500).accepted());
        assertEquals(4000, s.timeline().get(0).endMs(), "the scene is cut at 4 s, the first boundary after the pick");
        assertEquals(4000, s.timeline().get(1).startMs());
    }

    @Test
    void cutAndBackNeverChangeWhatThePlaylistsPromised() {
        Evaluator ev = evaluator();
        Session s = Session.restore("s1", "story", ev, List.of(new Played("long", ev.initialState(), 0, 6000)));
        assertTrue(s.choose(0, 1000, 4000).accepted());
        assertEquals(4000, s.timeline().get(0).endMs(), "listed to 4 s: the cut comes there, not at 2 s");
        assertEquals(4000, s.timeline().get(1).startMs());

        Session t = Session.start("s2", "story", evaluator());
        t.choose(1, 2500);
        assertTrue(t.back(4500, 6000).accepted());
        assertEquals(6000, t.timeline().get(1).endMs(), "back at the boundary after the promise");
        Session u = Session.start("s3", "story", evaluator());
        u.choose(1, 2500);
        assertTrue(u.back(4500, 6500).accepted());
        assertEquals(List.of("hall", "right", "hall"), scenes(u));
        assertTrue(u.timeline().get(1).endMs() >= 6500, "never before what was listed: " + u.timeline().get(1));
    }

    @Test
    void answersAreCheckedAndStoredAndTimeoutsTakeTheDefault() {
        Session s = Session.start("s1", "story", evaluator());
        s.choose(1, 2500);
        assertEquals(409, s.choose(0, 5500).status(), "right asks a question, not a choice");
        assertEquals(400, s.answer("   ", 5500).status());
        assertTrue(s.answer("  Mara ", 5500).accepted());
        assertEquals(List.of("hall", "right", "vault"), scenes(s));
        assertEquals(new Value.Str("Mara"), s.timeline().get(2).before().variables().get("name"));

        Session t = Session.start("s2", "story", evaluator());
        t.choose(1, 2500);
        t.advance(7000);
        assertEquals(new Value.Str("Bo"), t.timeline().get(2).before().variables().get("name"));
    }

    @Test
    void backPlaysThePreviousChoiceAgainInTheStateOfThen() {
        Session s = Session.start("s1", "story", evaluator());
        s.choose(1, 2500);
        assertTrue(s.back(4500).accepted());
        assertEquals(List.of("hall", "right", "hall"), scenes(s));
        assertEquals(6000, s.timeline().get(1).endMs(), "right is cut at the next boundary");
        assertEquals(6000, s.timeline().get(2).startMs());
        assertEquals(new Value.Num(0), s.timeline().get(2).before().variables().get("keys"), "the state of then, before the pick");
        assertEquals(409, Session.start("s2", "story", evaluator()).back(100).status(), "no earlier choice at the start");
    }

    @Test
    void aRestoredSessionIsWhereItWas() {
        Evaluator ev = evaluator();
        Session s = Session.start("s1", "story", ev);
        s.choose(1, 2500);
        Session again = Session.restore("s1", "story", ev, s.timeline());
        assertEquals(s.timeline(), again.timeline());
        assertEquals(s.current(), again.current());
        assertFalse(again.ended());
        assertTrue(again.answer("Zed", 5500).accepted());
    }
}
