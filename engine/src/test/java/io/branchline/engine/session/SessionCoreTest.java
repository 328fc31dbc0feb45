package io.branchline.engine.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.engine.predict.ChoicePredictor;
import io.branchline.engine.predict.SpeculationPolicy;
import io.branchline.engine.session.SessionEffect.VisitRef;
import io.branchline.story.CompileResult;
import io.branchline.story.StoryCompiler;
import io.branchline.story.model.CompiledStory;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The session core with no server, no render and no waiting: the test plays the shell, answers
 * its effects by hand and moves time itself.
 */
class SessionCoreTest {

    private static final String STORY = """
            format: 240x426 30fps
            segment: 1s
            === hall ===
            shot 4s color "#102030"
              caption "Two doors"
            choice 2s default left cut
              * "Left" -> left
              * "Right" -> right
            === left ===
            shot 2s color "#20c040"
            -> END
            === right ===
            shot 3s color "#2040e0"
            -> END
            """;

    private static long ms(long ms) {
        return ms * 1_000_000;
    }

    private static SessionCore start() {
        CompileResult r = StoryCompiler.compileString("s.story", STORY);
        assertTrue(r.ok(), r.diagnostics()::toString);
        CompiledStory story = r.story();
        return SessionCore.start("s1", "doors", story, Path.of("."), "hash", null,
                new SpeculationPolicy(new ChoicePredictor(), SpeculationPolicy.DEFAULT_COVER), 0);
    }

    private static <T extends SessionEffect> List<T> of(List<SessionEffect> effects, Class<T> kind) {
        return effects.stream().filter(kind::isInstance).map(kind::cast).collect(Collectors.toList());
    }

    private static List<String> listed(SessionCore core) {
        return core.listing.listed().stream().map(l -> l.visit() + "-" + l.segment()).toList();
    }

    /** Answers every FindKey with a key made of the visit's scene and says whether it is stored. */
    private static void answerKeys(SessionCore core, List<SessionEffect> effects, boolean stored, long now) {
        for (SessionEffect.FindKey f : of(effects, SessionEffect.FindKey.class)) {
            String scene = f.ref().option() ? core.options.get(f.ref().index()).scene : core.session.timeline().get(f.ref().index()).entered();
            core.keyFound(f.ref(), "key-" + scene, stored, now);
        }
    }

    @Test
    void aNewSessionAsksForItsFirstVisitAndRendersTheLikelyOptionsAhead() {
        SessionCore core = start();
        List<SessionEffect> effects = core.drain();
        List<SessionEffect.FindKey> keys = of(effects, SessionEffect.FindKey.class);
        assertEquals(List.of(VisitRef.timeline(0), VisitRef.option(1, 0), VisitRef.option(1, 1)), keys.stream().map(SessionEffect.FindKey::ref).toList());
        assertTrue(keys.get(0).pin() && !keys.get(1).pin(), "the timeline's visits are pinned, options are not");
        assertEquals(1, of(effects, SessionEffect.Save.class).size());
        assertEquals(List.of("scene-started", "choice-open"), of(effects, SessionEffect.Emit.class).stream().map(e -> e.event().type()).toList());

        answerKeys(core, effects, false, 0);
        List<SessionEffect.Render> renders = of(core.drain(), SessionEffect.Render.class);
        assertEquals("key-hall", renders.get(0).key());
        assertTrue(renders.get(0).onDemand());
        assertEquals(0, renders.get(0).atMediaMs());
        List<SessionEffect.Render> ahead = renders.subList(1, renders.size());
        assertEquals(List.of("key-left", "key-right"), ahead.stream().map(SessionEffect.Render::key).sorted().toList(),
                "equal weights: both options are needed to cover 80% of the picks");
        // A cut choice: a pick as its window opens (at 2 s) cuts at the next segment, so the options are needed by 3 s, not 4.
        assertTrue(ahead.stream().allMatch(r -> !r.onDemand() && r.probability() == 0.5 && r.atMediaMs() == 3000), ahead.toString());
    }

    @Test
    void anHlsPlayerThatReportsNothingIsListedAShortHorizonAndTheDefaultComesInTime() {
        SessionCore core = start();
        answerKeys(core, core.drain(), false, 0);
        core.drain();
        core.playlistRead(0);
        assertTrue(core.listing.isEmpty(), "nothing stored yet: nothing listed (the shell holds the request)");
        for (int i = 0; i < 4; i++) {
            core.segmentStored("key-hall", i, 0);
        }
        core.segmentStored("key-left", 0, 0);
        core.segmentStored("key-left", 1, 0);
        assertEquals(List.of("0-0"), listed(core), "one segment before the player fetched anything");
        core.fetched(0, 0, ms(100));
        core.tick(ms(100));
        assertEquals(List.of("0-0", "0-1"), listed(core), "then two ahead of its clock");
        core.fetched(0, 1, ms(110));
        core.tick(ms(1700)); // the clock allows the first frame half a second after the first request
        assertEquals(1100, core.clockMs(ms(1700)), "timed from the first fetch, not from the one it buffered ahead");
        assertEquals(List.of("0-0", "0-1", "0-2", "0-3"), listed(core), "segments starting before 3.1 s");
        core.fetched(0, 2, ms(1700));
        core.fetched(0, 3, ms(1700));
        assertEquals(750, core.leadMs(), "three quarters of a segment");
        core.drain();
        // The window closes at 4 s on the story's clock, at 3.25 s on this player's: the default then.
        core.tick(ms(3800));
        assertEquals(List.of("hall"), core.session.timeline().stream().map(Played::entered).toList());
        core.tick(ms(3900));
        assertEquals(List.of("hall", "left"), core.session.timeline().stream().map(Played::entered).toList());
        List<SessionEffect> effects = core.drain();
        answerKeys(core, effects, true, ms(3900));
        List<SessionEffect> after = core.drain();
        assertEquals(List.of(List.of("key-right")), of(after, SessionEffect.Withdraw.class).stream().map(SessionEffect.Withdraw::keys).toList(),
                "the option not taken is withdrawn once the taken visit's key is known");
        core.tick(ms(4000));
        assertEquals(List.of("0-0", "0-1", "0-2", "0-3", "1-0", "1-1"), listed(core), "left is listed before the player reaches it");
        core.tick(ms(9500));
        assertTrue(core.listedToTheEnd(), "the story ended and all of it is listed");
    }

    @Test
    void aCutPickAfterThePromiseTakesEffectAtTheEndOfWhatWasListed() {
        SessionCore core = start();
        answerKeys(core, core.drain(), true, 0);
        core.playlistRead(0);
        core.fetched(0, 0, ms(0));
        core.tick(ms(1500));
        assertEquals(List.of("0-0", "0-1", "0-2"), listed(core));
        core.fetched(0, 1, ms(1500));
        core.fetched(0, 2, ms(1500));
        // At 1.3 s on its clock (1.8 s after its first request; 2.05 s with the lead) the window is open: "Right", cut.
        assertTrue(core.choose(1, ms(1800)).accepted());
        assertEquals(3000, core.session.timeline().get(0).endMs(), "cut after the three listed segments, not at the next boundary");
        answerKeys(core, core.drain(), true, ms(1800));
        core.tick(ms(3000));
        assertEquals(List.of("0-0", "0-1", "0-2", "1-0", "1-1"), listed(core));
        assertEquals(3000, core.listing.listed().get(3).startMs());
    }

    @Test
    void aPlayerThatReportsItsPositionGetsTheStorysWindowAndCutsAtTheNextBoundary() {
        SessionCore core = start();
        answerKeys(core, core.drain(), true, 0);
        core.position(2500, false, ms(0));
        assertEquals(0, core.leadMs());
        assertTrue(core.choose(1, ms(200)).accepted());
        assertEquals(3000, core.session.timeline().get(0).endMs(), "at 2.7 s, cut at the 3 s boundary");
        assertEquals(1, of(core.drain(), SessionEffect.Learned.class).size(), "the pick teaches the predictor");
        core.position(Long.MAX_VALUE, false, ms(300));
        assertEquals(6000, core.clockMs(ms(300)), "a position past the timeline is its end");
    }

    @Test
    void aPickedOptionStartsWithTheSegmentsItsRenderMadeAhead_unlessTheyWereDiscarded() {
        SessionCore core = start();
        answerKeys(core, core.drain(), false, 0);
        core.drain();
        for (int i = 0; i < 4; i++) {
            core.segmentStored("key-hall", i, 0);
        }
        // The render of "right" (3 segments), asked ahead, has made its first segment when the viewer picks it.
        core.segmentStored("key-right", 0, 0);
        core.position(2500, false, ms(0));
        assertTrue(core.choose(1, ms(200)).accepted());
        answerKeys(core, core.drain(), false, ms(200));
        SessionCore.VisitMedia right = core.media.get(1);
        assertEquals("key-right", right.key);
        assertEquals(1, right.ready, "the segment made ahead, not none: the player may play it at once");
        List<SessionEffect> effects = core.drain();
        assertTrue(of(effects, SessionEffect.Emit.class).stream().anyMatch(e -> e.event().type().equals("segment-ready")),
                "and is told so");
        assertTrue(of(effects, SessionEffect.Render.class).stream().anyMatch(r -> r.key().equals("key-right") && r.onDemand()),
                "the rest is asked for on demand");

        // The same, but the render made ahead was dropped before the pick: its segment is gone.
        SessionCore other = start();
        answerKeys(other, other.drain(), false, 0);
        other.drain();
        other.segmentStored("key-right", 0, 0);
        assertEquals(1, other.options.get(1).ready);
        other.segmentsDiscarded("key-right");
        assertEquals(0, other.options.get(1).ready, "the option no longer offers what is not there");
        other.position(2500, false, ms(0));
        assertTrue(other.choose(1, ms(200)).accepted());
        answerKeys(other, other.drain(), false, ms(200));
        assertEquals(0, other.media.get(1).ready);
    }

    @Test
    void aRestartKeepsWhatThePlaylistsPromised() {
        SessionCore before = start();
        SessionFile saved = new SessionFile(SessionFile.VERSION, "s1", "doors", "hash", before.session.timeline(), 4000);
        CompileResult r = StoryCompiler.compileString("s.story", STORY);
        SessionCore after = SessionCore.restore(saved, r.story(), Path.of("."), new SpeculationPolicy(new ChoicePredictor(), 0.8), ms(5000));
        answerKeys(after, after.drain(), true, ms(5000));
        after.position(2100, false, ms(5000));
        assertTrue(after.choose(1, ms(5000)).accepted());
        assertEquals(4000, after.session.timeline().get(0).endMs(), "an HLS player was promised the hall to 4 s before the restart: "
                + "the cut does not come at 3 s");
        List<SessionEffect.Save> saves = of(after.drain(), SessionEffect.Save.class);
        assertEquals(4000, saves.get(saves.size() - 1).file().promisedMs(), "and the promise is saved again");
    }

    @Test
    void aFailedRenderIsAskedAgainWithBackOffAndThenTheSessionStopsClearly() {
        SessionCore core = start();
        answerKeys(core, core.drain(), false, 0);
        core.drain();
        List<Long> waits = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            core.renderFailed("key-hall", "the store is read-only", ms(i));
            List<SessionEffect.Later> later = of(core.drain(), SessionEffect.Later.class);
            assertEquals(1, later.size());
            assertTrue(later.get(0).effect() instanceof SessionEffect.Render r && r.key().equals("key-hall") && r.onDemand());
            waits.add(later.get(0).afterMs());
        }
        assertEquals(List.of(1000L, 2000L, 4000L, 8000L, 16000L), waits);
        core.renderFailed("key-hall", "the store is read-only", ms(10));
        List<SessionEffect> effects = core.drain();
        assertEquals(0, of(effects, SessionEffect.Later.class).size());
        List<SessionEvent> events = of(effects, SessionEffect.Emit.class).stream().map(SessionEffect.Emit::event).toList();
        assertEquals("error", events.get(0).type());
        assertTrue(events.get(0).detail().get(0).contains("could not be rendered (the store is read-only); tried 6 times"), events.toString());
        assertTrue(core.listedToTheEnd(), "the playlist ends instead of freezing");
        assertEquals(409, core.choose(0, ms(20)).status());
    }

    @Test
    void aRenderThatSucceedsOnASecondTryPlaysOn() {
        SessionCore core = start();
        answerKeys(core, core.drain(), false, 0);
        core.drain();
        core.renderFailed("key-hall", "asset missing", ms(0));
        assertEquals(1, of(core.drain(), SessionEffect.Later.class).size());
        core.visitStored("key-hall", ms(1000));
        assertEquals(null, core.failure);
        assertEquals(core.media.get(0).segments, core.media.get(0).ready);
    }

    @Test
    void anExpiredSessionWithdrawsWhatItAskedForAndUnpinsItsVisits() {
        SessionCore core = start();
        answerKeys(core, core.drain(), false, 0);
        core.drain();
        core.expire(ms(0), "expired");
        List<SessionEffect> effects = core.drain();
        assertEquals(List.of(List.of("key-hall")), of(effects, SessionEffect.Unpin.class).stream().map(SessionEffect.Unpin::keys).toList());
        List<String> withdrawn = of(effects, SessionEffect.Withdraw.class).get(0).keys().stream().sorted().toList();
        assertEquals(List.of("key-hall", "key-left", "key-right"), withdrawn, "its on-demand and its speculative asks");
    }

    @Test
    void aSessionLoopingBackAndForthRendersAtMostItsQuotaOnDemand() {
        SessionCore core = start();
        answerKeys(core, core.drain(), true, 0);
        core.position(2100, false, ms(0));
        int now = 0;
        int renders = 0;
        int waited = 0;
        // Every pick and back makes a new visit whose (pretended) key is new, as fresh answers in titles would.
        for (int round = 0; round < 60; round++) {
            now += 200;
            core.position(core.session.timeline().get(core.session.timeline().size() - 1).startMs() + 2100, false, ms(now));
            core.choose(round % 2, ms(now));
            now += 200;
            core.back(ms(now));
            for (SessionEffect e : core.drain()) {
                if (e instanceof SessionEffect.FindKey f && !f.ref().option()) {
                    core.keyFound(f.ref(), "fresh-" + round + "-" + f.ref().index(), false, ms(now));
                }
            }
            for (SessionEffect e : core.drain()) {
                if (e instanceof SessionEffect.Render r && r.onDemand()) {
                    renders++;
                } else if (e instanceof SessionEffect.Later l && l.effect() instanceof SessionEffect.Render) {
                    waited++;
                }
            }
        }
        assertTrue(renders <= SteeringBudget.RENDER_BURST + 24 / SteeringBudget.SECONDS_PER_RENDER + 1,
                renders + " renders on demand in 24 s; the rest wait: " + waited);
        assertTrue(waited > 0);
    }

    @Test
    void aPlayerThatReachesAnUnstoredSegmentCountsOneStall() {
        SessionCore core = start();
        answerKeys(core, core.drain(), false, 0);
        core.drain();
        core.segmentStored("key-hall", 0, 0);
        core.position(0, false, ms(0));
        core.tick(ms(500));
        core.tick(ms(1200));
        core.tick(ms(1500));
        assertEquals(1, of(core.drain(), SessionEffect.Stalled.class).size());
    }
}
