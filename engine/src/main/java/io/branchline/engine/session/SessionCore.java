package io.branchline.engine.session;

import io.branchline.engine.predict.SpeculationPolicy;
import io.branchline.engine.render.VisitRequests;
import io.branchline.engine.session.SessionEffect.VisitRef;
import io.branchline.renderer.CaptionTrack;
import io.branchline.renderer.RenderFormat;
import io.branchline.renderer.SceneRequest;
import io.branchline.story.eval.Evaluator;
import io.branchline.story.eval.SceneVisit;
import io.branchline.story.eval.Terminal;
import io.branchline.story.model.CompiledStory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One viewer's session as a plain state machine, no Vert.x and no clock of its own: what the
 * viewer does, what the player fetches, what the renderer stores and the passing of time come in
 * as calls (each with the time, in nanoseconds from any fixed origin); what should happen comes
 * out as {@link SessionEffect}s, taken with {@link #drain()}. It holds the viewer's
 * {@link Session} (the timeline), the player's {@link PlayerClock}, what the playlists promised
 * ({@link Listing}), each visit's media and what was rendered ahead at the open choice, decided
 * by the engine's one {@link SpeculationPolicy}. Single-threaded: the engine confines it to one
 * event loop, tests call it directly.
 */
public final class SessionCore {

    /** How long after the player passed a visit its segments stay pinned in the store. */
    static final long RELEASE_AFTER_MS = 60_000;
    /** How often a failed render of the timeline is asked again, and the first wait (doubled each time). */
    static final int RENDER_RETRIES = 5;
    static final long FIRST_RETRY_MS = 1000;
    /** The most visits a session's timeline holds: a session looping through "back" cannot grow without limit. */
    static final int MAX_VISITS = Integer.getInteger("branchline.maxVisits", 1000);
    /** How far ahead of an HLS player that reports nothing decisions are taken, in segments. */
    static final double LEAD_SEGMENTS = 0.75;

    final String tokenHash;
    final CompiledStory story;
    final RenderFormat format;
    final Session session;
    PlayerClock clock = new PlayerClock();
    final Listing listing;
    /** Whether any HLS playlist of the session was read: from then on, what is listed is a promise. */
    boolean playlistRead;
    /** Whether the player fetched any of the session's segments. */
    private boolean fetchedAny;
    /** What the playlists had promised before a restart: picks change nothing before it either. */
    private long promisedBefore;
    final List<VisitMedia> media = new ArrayList<>();
    /** The next visit of each option of the open choice, for players that fetch them ahead; empty without a choice. */
    List<VisitMedia> options = List.of();
    /**
     * How many segments of each visit this session has heard are stored, for visits not stored
     * whole: an option's render may have made its first segments when the viewer picks it, and
     * the visit the pick adds to the timeline starts with those, not with none (its render goes
     * on and reports only the segments still to come). The last {@value #ANNOUNCED_KEPT} keys.
     */
    private final Map<String, Integer> announced = new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > ANNOUNCED_KEPT;
        }
    };
    static final int ANNOUNCED_KEPT = 32;
    /** When a viewer last steered, fetched or asked about the session. */
    long touchedNanos;
    /** The session's multivariant playlist, once served (it does not change after). */
    String multivariant;

    private final Path storyRoot;
    private final Evaluator evaluator;
    private final SpeculationPolicy speculation;
    private final List<SessionEffect> effects = new ArrayList<>();
    /** The timeline length at which the open choice's options were last rendered ahead. */
    private int speculatedAt = -1;
    /** The keys asked for speculatively at that choice. */
    private List<String> speculated = new ArrayList<>();
    /** Asks to withdraw once the keys of the visits appended after the choice are known (from this timeline index on). */
    private List<String> toWithdraw = List.of();
    private int withdrawFrom;
    /** The segment at which a stall was last counted, the first visit not wholly stored, the first not released. */
    private String stalledAt;
    private int wholeUpTo;
    private int releasedUpTo;
    /** Failed renders of the timeline's visits, by key. */
    private final java.util.Map<String, Integer> failures = new java.util.HashMap<>();
    private final SteeringBudget budget = new SteeringBudget();
    /** Why the session cannot go on (a visit that could not be rendered, too many visits), or null. */
    String failure;

    /** One visit (of the timeline, or an option's next visit) as media: its key, segment layout and how much is stored. */
    static final class VisitMedia {
        /** The scene entered. */
        String scene;
        /** The content key; null while it is worked out, empty for a visit that shows nothing. */
        String key;
        SceneRequest request;
        boolean released;
        int frames;
        int segments;
        int ready;
        /** Its captions, from its resolved shots (times from the visit's start). */
        List<CaptionTrack.Cue> cues = List.of();
        /** For an option: whether it is rendered ahead, and how likely it is. */
        boolean ahead;
        /** For an option outside the cover: rendered ahead as a draft only (the render ladder is on). */
        boolean draftAhead;
        double probability;

        boolean keyed() {
            return key != null;
        }
    }

    private SessionCore(Session session, CompiledStory story, Path storyRoot, String tokenHash, SpeculationPolicy speculation,
                        long nowNanos) {
        this.session = session;
        this.story = story;
        this.storyRoot = storyRoot;
        this.tokenHash = tokenHash;
        this.speculation = speculation;
        this.format = VisitRequests.format(story);
        this.listing = new Listing(format);
        this.evaluator = new Evaluator(story);
        this.touchedNanos = nowNanos;
    }

    /** A new session at {@code scene} (null: the story's start). */
    public static SessionCore start(String id, String storyId, CompiledStory story, Path storyRoot, String tokenHash, String scene,
                                    SpeculationPolicy speculation, long nowNanos) {
        Evaluator ev = new Evaluator(story);
        Session s = scene == null ? Session.start(id, storyId, ev) : Session.start(id, storyId, ev, scene);
        SessionCore core = new SessionCore(s, story, storyRoot, tokenHash, speculation, nowNanos);
        core.grow();
        return core;
    }

    /** A session saved before a restart; its clock stands at its last visit's start until its player shows up. */
    public static SessionCore restore(SessionFile file, CompiledStory story, Path storyRoot, SpeculationPolicy speculation, long nowNanos) {
        Session s = Session.restore(file.id(), file.storyId(), new Evaluator(story), file.timeline());
        SessionCore core = new SessionCore(s, story, storyRoot, file.tokenHash(), speculation, nowNanos);
        core.clock = PlayerClock.standingAt(file.timeline().get(file.timeline().size() - 1).startMs());
        core.promisedBefore = file.promisedMs();
        core.playlistRead = file.promisedMs() > 0;
        core.grow();
        return core;
    }

    /** Takes the effects decided since the last call, in order. */
    public List<SessionEffect> drain() {
        List<SessionEffect> out = List.copyOf(effects);
        effects.clear();
        return out;
    }

    public String id() {
        return session.id();
    }

    // ---- inputs ----

    /** The player reports its position (clamped to the timeline) and whether it is paused. */
    public Outcome position(long ms, boolean paused, long nowNanos) {
        if (!budget.take(nowNanos)) {
            return SteeringBudget.refused();
        }
        List<Played> timeline = session.timeline();
        clock.reported(Math.min(Math.max(0, ms), timeline.get(timeline.size() - 1).endMs()), paused, nowNanos);
        touchedNanos = nowNanos;
        advance(nowNanos);
        return Outcome.OK;
    }

    /** A playlist of the session is read: what it lists is a promise from now on. */
    public void playlistRead(long nowNanos) {
        playlistRead = true;
        touchedNanos = nowNanos;
        advance(nowNanos);
    }

    /** The player fetched segment {@code index} of visit {@code visit}: it tells where the player can be. */
    public void fetched(int visit, int index, long nowNanos) {
        Played p = session.timeline().get(visit);
        Listing.Listed listed = listing.find(visit, index);
        long start = listed != null ? listed.startMs() : p.startMs() + Math.round(index * segmentMs());
        long end = listed != null ? listed.endMs() : Math.min(p.endMs(), p.startMs() + Math.round((index + 1) * segmentMs()));
        clock.fetched(start, end, nowNanos);
        fetchedAny = true;
        touchedNanos = nowNanos;
        advance(nowNanos);
    }

    /** The viewer picks an option of the open choice. */
    public Outcome choose(int option, long nowNanos) {
        touchedNanos = nowNanos;
        if (!budget.take(nowNanos)) {
            return SteeringBudget.refused();
        }
        if (failure != null) {
            return Outcome.conflict("the session stopped: " + failure);
        }
        SceneVisit at = session.current();
        Outcome outcome = session.choose(option, sessionNow(nowNanos), committed());
        if (outcome.accepted() && at.terminal() instanceof Terminal.Choice c && option < c.options().size()) {
            String choice = io.branchline.engine.predict.ChoicePredictor.id(session.storyId(), at.scene());
            speculation.predictor().picked(choice, c.options().get(option).target());
            effects.add(new SessionEffect.Learned(choice, c.options().get(option).target()));
        }
        grow();
        return outcome;
    }

    /**
     * The variable the question open now stores its answer in, or null when no question is
     * open (an answer then gets the usual 409 from {@link #answer}).
     */
    public String openQuestion() {
        SceneVisit visit = session.current();
        return visit.terminal() instanceof Terminal.Ask ask && !session.decided() ? ask.variable() : null;
    }

    /** An answer the prompt policy refused: it counts against the steering budget like any input, and changes nothing. */
    public Outcome refuse(String why, long nowNanos) {
        touchedNanos = nowNanos;
        return budget.take(nowNanos) ? Outcome.refused(why) : SteeringBudget.refused();
    }

    /** The viewer answers the open question. */
    public Outcome answer(String text, long nowNanos) {
        touchedNanos = nowNanos;
        if (!budget.take(nowNanos)) {
            return SteeringBudget.refused();
        }
        if (failure != null) {
            return Outcome.conflict("the session stopped: " + failure);
        }
        Outcome outcome = session.answer(text, sessionNow(nowNanos));
        grow();
        return outcome;
    }

    /** The viewer goes back to the previous choice. */
    public Outcome back(long nowNanos) {
        touchedNanos = nowNanos;
        if (!budget.take(nowNanos)) {
            return SteeringBudget.refused();
        }
        if (failure != null) {
            return Outcome.conflict("the session stopped: " + failure);
        }
        Outcome outcome = session.back(sessionNow(nowNanos), committed());
        grow();
        return outcome;
    }

    /**
     * When an option's next visit may be needed, on the media clock: at the end of the scene; for a
     * {@code cut} choice, as soon as its window opens (a pick cuts to it at the next segment).
     */
    private long optionNeededAtMs(List<Played> timeline) {
        long end = timeline.get(timeline.size() - 1).endMs();
        long[] w = session.window();
        boolean cut = session.current().terminal() instanceof Terminal.Choice c && c.cut();
        return cut && w != null ? Math.min(end, w[0] + Math.round(segmentMs())) : end;
    }

    /** How long one whole media segment plays, in ms (its frames at the format's rate). */
    private double segmentMs() {
        return format.framesPerSegment() * 1000.0 / format.fps();
    }

    /** The key asked for with {@link SessionEffect.FindKey} is known, and whether the visit is stored whole already. */
    public void keyFound(VisitRef ref, String key, boolean stored, long nowNanos) {
        if (ref.option()) {
            if (ref.generation() != speculatedAt || ref.index() >= options.size()) {
                return; // an earlier choice's option
            }
            VisitMedia m = options.get(ref.index());
            m.key = key;
            if (stored) {
                m.ready = m.segments;
            }
            // Stored already, at either tier: nothing to render ahead. (Only a draft stored: its full tier follows
            // once a viewer enters the visit, as background work, not as this guess.)
            if ((m.ahead || m.draftAhead) && !stored && speculatedAt == session.timeline().size() && !session.ended()) {
                speculated.add(key);
                List<Played> timeline = session.timeline();
                effects.add(new SessionEffect.Render(key, m.request, false, m.probability, optionNeededAtMs(timeline),
                        m.draftAhead));
            }
            return;
        }
        VisitMedia m = media.get(ref.index());
        m.key = key;
        if (ref.index() > 0) {
            effects.add(new SessionEffect.Prerendered(stored));
        }
        if (stored) {
            m.ready = m.segments;
            effects.add(new SessionEffect.Stored(key));
        } else {
            // Segments its render made before this visit was known (an option's, made ahead): the player may have them already.
            m.ready = Math.min(m.segments, announced.getOrDefault(key, 0));
            for (int index = 0; index < m.ready; index++) {
                effects.add(segmentReady(ref.index(), index));
            }
            SessionEffect.Render render = new SessionEffect.Render(key, m.request, true, 1, session.timeline().get(ref.index()).startMs());
            long wait = budget.renderWaitMs(nowNanos);
            effects.add(wait == 0 ? render : new SessionEffect.Later(render, wait));
        }
        withdrawWhenKnown();
        advance(nowNanos);
    }

    /** Segment {@code index} of the visit {@code key} is stored; true when this session has that visit. */
    public boolean segmentStored(String key, int index, long nowNanos) {
        boolean mine = false;
        List<Played> timeline = session.timeline();
        for (VisitMedia m : options) {
            if (key.equals(m.key) && index + 1 > m.ready) {
                m.ready = index + 1;
                mine = true;
                effects.add(new SessionEffect.Emit(new SessionEvent("segment-ready", m.scene, timeline.get(timeline.size() - 1).endMs(),
                        List.of("/segments/" + key + "/" + io.branchline.renderer.SceneFiles.segmentName(index)))));
            }
        }
        for (int i = 0; i < media.size(); i++) {
            VisitMedia m = media.get(i);
            if (key.equals(m.key) && index + 1 > m.ready) {
                m.ready = index + 1;
                mine = true;
                effects.add(segmentReady(i, index));
            }
        }
        if (mine) {
            announced.merge(key, index + 1, Math::max);
        }
        if (mine && playlistRead) {
            list(clock.at(nowNanos));
        }
        return mine;
    }

    /** The event that segment {@code index} of the timeline's visit {@code visit} is stored. */
    private SessionEffect segmentReady(int visit, int index) {
        Played p = session.timeline().get(visit);
        return new SessionEffect.Emit(new SessionEvent("segment-ready", p.entered(), p.startMs(),
                List.of("segments/" + visit + "-" + index + ".m4s")));
    }

    /**
     * The render of {@code key} was dropped before it finished: the segments it had made are
     * gone. An option of this session with that key counts none again, and a visit the viewer
     * picks later starts from none (a player does not prefetch, or wait on, what is not there).
     * The timeline's own visits are asked on demand, and a job a viewer waits for is not dropped.
     */
    public void segmentsDiscarded(String key) {
        announced.remove(key);
        for (VisitMedia m : options) {
            if (key.equals(m.key) && m.ready < m.segments) {
                m.ready = 0;
            }
        }
    }

    /** The visit {@code key} is stored whole (its render finished). */
    public void visitStored(String key, long nowNanos) {
        announced.remove(key);
        boolean mine = false;
        for (VisitMedia m : media) {
            if (key.equals(m.key)) {
                m.ready = m.segments;
                mine = true;
            }
        }
        if (mine) {
            effects.add(new SessionEffect.Stored(key));
            advance(nowNanos);
        }
    }

    /**
     * The render of {@code key} failed with {@code message}. A visit of the timeline is asked
     * again after a wait that doubles each time; after {@link #RENDER_RETRIES} tries the session
     * stops with a clear reason (the viewer gets an error event, the playlist ends) instead of
     * waiting for ever.
     */
    public void renderFailed(String key, String message, long nowNanos) {
        for (int i = 0; i < media.size(); i++) {
            VisitMedia m = media.get(i);
            if (key.equals(m.key) && m.ready < m.segments) {
                retry("render:" + key, new SessionEffect.Render(key, m.request, true, 1, session.timeline().get(i).startMs()),
                        "scene '" + session.timeline().get(i).entered() + "' could not be rendered (" + message + ")", nowNanos);
                return;
            }
        }
    }

    /** The key of a visit could not be worked out (an asset it names is missing or unreadable): asked again, as a failed render is. */
    public void keyFailed(VisitRef ref, String message, long nowNanos) {
        if (ref.option() || ref.index() >= media.size() || media.get(ref.index()).key != null) {
            return; // an option's next visit is only rendered ahead: its key is worked out again when it is picked
        }
        VisitMedia m = media.get(ref.index());
        retry("key:" + ref.index(), new SessionEffect.FindKey(ref, m.request, true),
                "scene '" + session.timeline().get(ref.index()).entered() + "' could not be prepared (" + message + ")", nowNanos);
    }

    private void retry(String what, SessionEffect again, String why, long nowNanos) {
        if (failure != null) {
            return;
        }
        int failed = failures.merge(what, 1, Integer::sum);
        if (failed <= RENDER_RETRIES) {
            effects.add(new SessionEffect.Later(again, FIRST_RETRY_MS << (failed - 1)));
        } else {
            fail(why + "; tried " + (RENDER_RETRIES + 1) + " times", nowNanos);
        }
    }

    /** The session cannot go on: its viewer is told, its playlists end after what they listed. */
    private void fail(String why, long nowNanos) {
        failure = why;
        effects.add(new SessionEffect.Emit(new SessionEvent("error", session.current().scene(), clock.at(nowNanos), List.of(why))));
    }

    /** Time passes: windows that ran out take their default, visits well behind the player are released. */
    public void tick(long nowNanos) {
        advance(nowNanos);
    }

    /** The session is forgotten (nobody touched it for too long): its viewer is told, its pins go. */
    public void expire(long nowNanos, String why) {
        effects.add(new SessionEffect.Emit(new SessionEvent("error", session.current().scene(), clock.at(nowNanos), List.of(why))));
        park();
    }

    /** The session leaves memory for a while (its log stays): its pins and asks go; it is restored when touched again. */
    public void park() {
        List<String> keys = media.stream().filter(m -> !m.released && m.key != null && !m.key.isEmpty()).map(m -> m.key).toList();
        if (!keys.isEmpty()) {
            effects.add(new SessionEffect.Unpin(keys));
        }
        List<String> asked = new ArrayList<>(speculated);
        media.stream().filter(m -> m.key != null && !m.key.isEmpty() && m.ready < m.segments).forEach(m -> asked.add(m.key));
        if (!asked.isEmpty()) {
            effects.add(new SessionEffect.Withdraw(List.copyOf(asked)));
        }
    }

    // ---- what the shell reads ----

    /** The player's position on the media clock. */
    public long clockMs(long nowNanos) {
        return clock.at(nowNanos);
    }

    /**
     * How far ahead of the player the session takes its decisions. For an HLS player that
     * reports nothing (it reads the playlist and fetches segments, no more): three quarters of
     * a segment. Such a player learns of the next scene only when it reloads the playlist, about
     * once a segment, so the scene after a choice must be known, and listed, before it runs out
     * of what it was promised; the clock is already a little ahead of it (by the time between a
     * fetch and the frame on screen), and the two together stay within one segment, so its
     * window still opens and closes within a segment of the story's. Its viewer steers through
     * some other means and reads the window from the view, which gives it on this clock. For a
     * player that reports its position (ours, whether it plays the stored segments itself or the
     * HLS playlist): 0, the window is exactly the story's, and a player on the HLS playlist may
     * wait one playlist reload at a default.
     */
    public long leadMs() {
        return playlistRead && !clock.reports() ? Math.round(LEAD_SEGMENTS * format.framesPerSegment() * 1000.0 / format.fps()) : 0;
    }

    /** The time the session's rules see: the player's clock, plus the lead an HLS player needs. */
    public long sessionNow(long nowNanos) {
        return clock.at(nowNanos) + leadMs();
    }

    /** Where the playlists' promise ends: a pick or a back changes nothing before it. */
    long committed() {
        return Math.max(playlistRead ? listing.endMs() : 0, promisedBefore);
    }

    /** The timeline's visits as the listing sees them (those whose media is not known yet left off the end); a view, made as read. */
    List<Listing.VisitMedia> forListing() {
        List<Played> timeline = session.timeline();
        int size = Math.min(timeline.size(), media.size());
        return new java.util.AbstractList<>() {
            @Override
            public Listing.VisitMedia get(int i) {
                VisitMedia m = media.get(i);
                Played p = timeline.get(i);
                return new Listing.VisitMedia(p.startMs(), p.endMs(), m.frames, m.segments, m.ready, m.keyed());
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    /** Whether the playlist can say it ends: the story ended and every segment of its timeline is listed. */
    boolean listedToTheEnd() {
        return failure != null || session.ended() && media.size() == session.timeline().size() && listing.listedAll(forListing());
    }

    // ---- the rules ----

    /** Moves the session to its player's clock and lists what may be listed. */
    private void advance(long nowNanos) {
        int before = session.timeline().size();
        long clockMs = clock.at(nowNanos);
        if (failure != null) {
            if (playlistRead) {
                list(clockMs);
            }
            return;
        }
        countStall(clockMs);
        session.advance(clockMs + leadMs());
        for (String[] t : session.drainTimedOut()) {
            effects.add(new SessionEffect.TimedOut(io.branchline.engine.predict.ChoicePredictor.id(session.storyId(), t[0]), t[1]));
        }
        release(clockMs);
        if (session.timeline().size() != before || media.size() != before) {
            grow();
        } else {
            session.drainEvents().forEach(e -> effects.add(new SessionEffect.Emit(e)));
        }
        if (playlistRead) {
            list(clockMs);
        }
    }

    /** Lists what the playlists may promise now. */
    private void list(long clockMs) {
        listing.advance(forListing(), clockMs, fetchedAny ? Listing.HORIZON_SEGMENTS : 1);
    }

    /** Counts once each time the player's clock reaches a segment that is not stored yet: it would be waiting. */
    private void countStall(long clockMs) {
        if (!clock.started()) {
            return;
        }
        List<Played> timeline = session.timeline();
        // Visits only ever get more of their segments stored: those wholly stored are passed for good.
        while (wholeUpTo < media.size() && media.get(wholeUpTo).ready >= media.get(wholeUpTo).segments) {
            wholeUpTo++;
        }
        if (wholeUpTo < media.size() && wholeUpTo < timeline.size()) {
            VisitMedia m = media.get(wholeUpTo);
            long due = timeline.get(wholeUpTo).startMs() + Math.round(m.ready * format.framesPerSegment() * 1000.0 / format.fps());
            String at = wholeUpTo + "-" + m.ready;
            if (clockMs >= due && !at.equals(stalledAt)) {
                stalledAt = at;
                effects.add(new SessionEffect.Stalled());
            }
        }
    }

    /** Lets the store evict visits the player is well past (a later "back" renders them again if it must). */
    private void release(long clockMs) {
        List<Played> timeline = session.timeline();
        List<String> keys = new ArrayList<>();
        // Visits end in timeline order, so those released form a prefix.
        while (releasedUpTo < media.size() - 1 && releasedUpTo < timeline.size()
                && timeline.get(releasedUpTo).endMs() + RELEASE_AFTER_MS < clockMs && media.get(releasedUpTo).key != null) {
            VisitMedia m = media.get(releasedUpTo++);
            if (!m.released && !m.key.isEmpty()) {
                m.released = true;
                keys.add(m.key);
            }
        }
        if (!keys.isEmpty()) {
            effects.add(new SessionEffect.Unpin(keys));
        }
    }

    /** Gives each new visit of the timeline its media (its key is asked for), saves, and looks past a new choice. */
    private void grow() {
        session.drainEvents().forEach(e -> effects.add(new SessionEffect.Emit(e)));
        List<Played> timeline = session.timeline();
        if (timeline.size() > MAX_VISITS && failure == null) {
            fail("this session has played " + MAX_VISITS + " scenes, as many as one session may; start a new one", touchedNanos);
        }
        if (failure != null) {
            effects.add(new SessionEffect.Save(new SessionFile(SessionFile.VERSION, id(), session.storyId(), tokenHash, List.copyOf(timeline), committed())));
            return;
        }
        while (media.size() < timeline.size()) {
            int index = media.size();
            Played p = timeline.get(index);
            SceneVisit visit = evaluator.enter(p.entered(), p.before());
            VisitMedia m = layOut(visit);
            media.add(m);
            if (m.segments == 0) {
                m.key = "";
            } else {
                effects.add(new SessionEffect.FindKey(VisitRef.timeline(index), m.request, true));
            }
        }
        effects.add(new SessionEffect.Save(new SessionFile(SessionFile.VERSION, id(), session.storyId(), tokenHash, List.copyOf(timeline), committed())));
        if (speculatedAt >= 0 && (timeline.size() > speculatedAt || session.ended()) && !speculated.isEmpty()) {
            toWithdraw = speculated;
            withdrawFrom = speculatedAt;
            speculated = new ArrayList<>();
            withdrawWhenKnown();
        }
        if (!session.ended() && session.current().terminal() instanceof Terminal.Choice && speculatedAt != timeline.size()) {
            speculatedAt = timeline.size();
            lookAhead(session.current());
        } else if (session.ended() || !(session.current().terminal() instanceof Terminal.Choice)) {
            options = List.of();
        }
    }

    /** A visit's request, captions and segment layout. */
    private VisitMedia layOut(SceneVisit visit) {
        VisitMedia m = new VisitMedia();
        m.scene = visit.scene();
        m.request = VisitRequests.served(storyRoot, story, visit.shots());
        m.frames = m.request.frames();
        m.cues = CaptionTrack.cues(m.request);
        m.segments = visit.shots().isEmpty() ? 0 : (m.frames + format.framesPerSegment() - 1) / format.framesPerSegment();
        return m;
    }

    /**
     * The choice the options were rendered ahead for is past (or the story ended there): once
     * the keys of the visits it went on to are known, withdraws this session's asks for the
     * others, so the render worker drops what nobody else wants.
     */
    private void withdrawWhenKnown() {
        if (toWithdraw.isEmpty()) {
            return;
        }
        List<String> kept = new ArrayList<>();
        for (int i = withdrawFrom; i < media.size(); i++) {
            if (media.get(i).key == null) {
                return;
            }
            kept.add(media.get(i).key);
        }
        List<String> losers = toWithdraw.stream().filter(k -> !kept.contains(k)).toList();
        toWithdraw = List.of();
        if (!losers.isEmpty()) {
            effects.add(new SessionEffect.Withdraw(losers));
        }
    }

    /**
     * Looks past the open choice: lays out the next visit of every option shown (for players
     * that fetch their first segments while the viewer decides) and asks for their keys; those
     * the {@link SpeculationPolicy} picks are rendered ahead once their keys are known.
     */
    private void lookAhead(SceneVisit visit) {
        Terminal.Choice choice = (Terminal.Choice) visit.terminal();
        SpeculationPolicy.Plan plan = speculation.plan(session.storyId(), visit);
        List<VisitMedia> next = new ArrayList<>();
        for (int i = 0; i < choice.options().size(); i++) {
            Evaluator.Taken taken = evaluator.choose(visit, i);
            if (taken.problem() != null || "END".equals(taken.target())) {
                next.add(new VisitMedia());
                continue;
            }
            VisitMedia m = layOut(evaluator.enter(taken.target(), taken.state()));
            next.add(m);
            if (m.segments == 0) {
                continue;
            }
            m.ahead = plan.ahead()[i];
            m.draftAhead = plan.draftAhead()[i];
            m.probability = plan.probabilities()[i];
            effects.add(new SessionEffect.FindKey(VisitRef.option(speculatedAt, i), m.request, false));
        }
        options = List.copyOf(next);
    }
}
