package io.branchline.story.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.story.CompileResult;
import io.branchline.story.StoryCompiler;
import io.branchline.story.model.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluatorTest {

    private static Evaluator evaluator(String source) {
        CompileResult result = StoryCompiler.compileString("t.story", source);
        assertTrue(result.ok(), () -> result.diagnostics().toString());
        return new Evaluator(result.story());
    }

    private static final String HEIST = """
            title: Heist
            style: "neon noir"
            var trust = 0
            var name = "Rook"
            var has_key = false

            === alley ===
            shot 4s generate "a figure waits, {name}"
              caption "Midnight. {name} has {trust + 1} shot."
            ask name "What do they call you?" 6s default "Rook" -> lobby

            === lobby ===
            shot 5s title "{name} steps inside."
            choice 6s default stairs
              * "Take the stairs" -> stairs weight 3
              * "Take the elevator" ~ trust += 1 -> elevator
              * "Use the key" if has_key -> vault

            === stairs ===
            ~ has_key = true
            -> vault

            === elevator ===
            if trust > 0 and visits(elevator) == 1
              shot 4s generate "an elevator rises"
                style "oil painting"
            else
              shot 4s color "#101018"
            end
            -> vault

            === vault ===
            shot 2s title "Vault"
            -> END
            """;

    @Test
    void resolvesShotsWithInterpolationStyleAndDisclosure() {
        Evaluator ev = evaluator(HEIST);
        SceneVisit v = ev.start();
        assertEquals(List.of("alley"), v.route());
        ResolvedShot shot = v.shots().get(0);
        assertEquals("generate", shot.kind());
        assertEquals("a figure waits, Rook, neon noir", shot.prompt());
        assertEquals("Midnight. Rook has 1 shot.", shot.caption());
        assertTrue(shot.disclosed());
        assertEquals(shot.seed(), ev.start().shots().get(0).seed(), "derived seeds are stable");
        Terminal.Ask ask = assertInstanceOf(Terminal.Ask.class, v.terminal());
        assertEquals(4000, ask.windowMs(), "a window longer than the video is shortened to it");
    }

    @Test
    void answersAreValidatedAndStored() {
        Evaluator ev = evaluator(HEIST);
        SceneVisit v = ev.start();
        assertTrue(ev.answer(v, "   ").problem().contains("empty"));
        assertTrue(ev.answer(v, "x".repeat(41)).problem().contains("41"));
        assertTrue(ev.answer(v, "a\u0007b").problem().contains("control"));
        Evaluator.Taken taken = ev.answer(v, "  Mara ");
        assertNull(taken.problem());
        assertEquals(new Value.Str("Mara"), taken.state().variables().get("name"));
        SceneVisit lobby = ev.enter(taken.target(), taken.state());
        assertEquals("Mara steps inside.", lobby.shots().get(0).text());
        Terminal.Choice choice = assertInstanceOf(Terminal.Choice.class, lobby.terminal());
        assertEquals(List.of("Take the stairs", "Take the elevator"),
                choice.options().stream().map(Terminal.ShownOption::label).toList(), "the guarded option is hidden");
        assertEquals(0, choice.defaultIndex());
        assertEquals(5000, choice.windowMs());
    }

    @Test
    void optionAssignmentsRunBeforeTheTargetAndRoutingScenesAreFollowed() {
        Evaluator ev = evaluator(HEIST);
        SceneVisit lobby = ev.enter("lobby", ev.answerTimeout(ev.start()).state());
        Evaluator.Taken elevator = ev.choose(lobby, 1);
        assertEquals(new Value.Num(1), elevator.state().variables().get("trust"));
        SceneVisit e = ev.enter(elevator.target(), elevator.state());
        assertEquals("generate", e.shots().get(0).kind());
        assertEquals("oil painting", e.shots().get(0).style());

        Evaluator.Taken stairs = ev.chooseDefault(lobby);
        SceneVisit routed = ev.enter(stairs.target(), stairs.state());
        assertEquals(List.of("stairs", "vault"), routed.route(), "a shot-less scene routes on at once");
        assertEquals(new Value.Bool(true), routed.state().variables().get("has_key"));
        assertInstanceOf(Terminal.End.class, routed.terminal());
        assertEquals(1, routed.state().visitsOf("stairs"));
    }

    @Test
    void runawayRoutingStopsWithAClearMessage() {
        Evaluator ev = evaluator("""
                var n = 0
                === a ===
                ~ n += 1
                if n > 100000
                  -> END
                end
                -> b
                === b ===
                -> a
                """);
        SceneVisit v = ev.start();
        Terminal.Stopped stopped = assertInstanceOf(Terminal.Stopped.class, v.terminal());
        assertTrue(stopped.message().contains("without showing anything"), stopped.message());
        assertEquals(Evaluator.MAX_ROUTE + 1, v.route().size());
    }

    @Test
    void sameStateSameVisit() {
        Evaluator ev = evaluator(HEIST);
        assertEquals(ev.start(), ev.start());
        assertNotEquals(ev.start().shots().get(0).seed(), evaluator(HEIST.replace("a figure waits", "a figure runs")).start().shots().get(0).seed());
    }
}
