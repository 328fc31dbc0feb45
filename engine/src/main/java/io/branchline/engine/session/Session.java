package io.branchline.engine.session;

import io.branchline.story.eval.Evaluator;
import io.branchline.story.eval.SceneVisit;
import io.branchline.story.eval.Terminal;
import io.branchline.story.model.CompiledStory;
import java.util.ArrayList;
import java.util.List;

/**
 * One viewer's way through a story, on the session's media clock: the visits on its
 * timeline (append-only, so a playlist made from it only ever grows), the choice or question
 * open now, and what the viewer did about it. Plain and single-threaded: the engine confines
 * each session to one event loop and passes in the media time it has worked out.
 *
 * <p>The rules, from the story language: a choice's window ends when the scene's video ends
 * (in a scene without video it is the whole time); a pick takes effect when the video ends, or
 * with {@code cut} at the next segment boundary; when the window runs out the default is
 * taken; a pick after the window closed is refused and changes nothing.
 */
public final class Session {

    /** Visits that only go on to the next scene are added this far ahead of the viewer. */
    static final long HORIZON_MS = 20_000;

    private final String id;
    private final String storyId;
    private final Evaluator evaluator;
    private final long frameNumerator;
    private final List<Played> played = new ArrayList<>();
    private final List<SessionEvent> events = new ArrayList<>();
    /** Choices whose timer took the default since the last {@link #drainTimedOut()}: {scene, target}. */
    private final List<String[]> timedOut = new ArrayList<>();
    private SceneVisit current;
    private Evaluator.Taken decision;
    private String decisionLabel;
    private boolean ended;
    private String stopped;

    private Session(String id, String storyId, Evaluator evaluator) {
        this.id = id;
        this.storyId = storyId;
        this.evaluator = evaluator;
        this.frameNumerator = evaluator.story().format().fps();
    }

    /** A new session at the story's start, at media time 0. */
    public static Session start(String id, String storyId, Evaluator evaluator) {
        return start(id, storyId, evaluator, evaluator.story().start());
    }

    /**
     * A new session that starts at {@code scene} (the studio's "watch from here") with the
     * story's initial variables, at media time 0.
     */
    public static Session start(String id, String storyId, Evaluator evaluator, String scene) {
        if (evaluator.story().scene(scene).isEmpty()) {
            throw new IllegalArgumentException("the story has no scene '" + scene + "'");
        }
        Session s = new Session(id, storyId, evaluator);
        s.append(scene, evaluator.initialState(), 0);
        return s;
    }

    /**
     * A session rebuilt from its timeline (after a restart): the evaluator works each visit out
     * again. Decisions are applied the moment they are made, so a timeline holds them all.
     */
    public static Session restore(String id, String storyId, Evaluator evaluator, List<Played> timeline) {
        if (timeline.isEmpty()) {
            throw new IllegalArgumentException("a session's timeline has at least its first visit");
        }
        Session s = new Session(id, storyId, evaluator);
        s.played.addAll(timeline);
        s.current = evaluator.enter(s.last().entered(), s.last().before());
        s.settle();
        s.events.clear();
        return s;
    }

    public String id() {
        return id;
    }

    public String storyId() {
        return storyId;
    }

    /** The visits so far, in order: a read-only view that grows as the session does (copy it to keep it). */
    public List<Played> timeline() {
        return java.util.Collections.unmodifiableList(played);
    }

    public SceneVisit current() {
        return current;
    }

    /** Whether the current scene's choice or question is already decided (or the story ended). */
    public boolean decided() {
        return decision != null || ended;
    }

    public boolean ended() {
        return ended;
    }

    /** Why the story stopped, or null. */
    public String stopped() {
        return stopped;
    }

    /** Takes the events that happened since the last call. */
    public List<SessionEvent> drainEvents() {
        List<SessionEvent> out = List.copyOf(events);
        events.clear();
        return out;
    }

    /** Takes the choices whose timer took the default since the last call, each as {scene, target}. */
    public List<String[]> drainTimedOut() {
        List<String[]> out = List.copyOf(timedOut);
        timedOut.clear();
        return out;
    }

    /** The open choice's or question's window on the media clock, {opens, closes}, or null. */
    public long[] window() {
        long start = last().startMs();
        long video = current.videoMs();
        long windowMs;
        if (current.terminal() instanceof Terminal.Choice c) {
            windowMs = c.windowMs();
        } else if (current.terminal() instanceof Terminal.Ask a) {
            windowMs = a.windowMs();
        } else {
            return null;
        }
        long closes = video > 0 ? start + video : start + windowMs;
        return new long[] {closes - windowMs, closes};
    }

    /**
     * Picks an option of the open choice.
     *
     * @param index the option's index among those shown
     * @param nowMs the viewer's position on the media clock
     */
    public Outcome choose(int index, long nowMs) {
        return choose(index, nowMs, 0);
    }

    /**
     * Picks an option of the open choice, when the session's playlists have already promised
     * its media up to {@code committedMs}: a {@code cut} then takes effect at the first segment
     * boundary at or after both the viewer's position and that promise, so nothing listed changes.
     */
    public Outcome choose(int index, long nowMs, long committedMs) {
        Outcome late = lateFor(nowMs);
        if (late != null) {
            return late;
        }
        advance(nowMs);
        if (!(current.terminal() instanceof Terminal.Choice choice) || decision != null || ended) {
            return Outcome.conflict(nothingOpen());
        }
        long[] w = window();
        if (nowMs < w[0]) {
            return Outcome.conflict("the options of scene '" + current.scene() + "' open at " + seconds(w[0]) + " and it is " + seconds(nowMs));
        }
        if (index < 0 || index >= choice.options().size()) {
            return Outcome.badInput("option " + index + " is not shown; expected 0 to " + (choice.options().size() - 1));
        }
        Evaluator.Taken taken = evaluator.choose(current, index);
        long effect = choice.cut() ? boundaryAfter(Math.max(nowMs, committedMs)) : last().endMs();
        decide(taken, choice.options().get(index).label(), effect, true);
        settle();
        return Outcome.OK;
    }

    /** Answers the open question with the viewer's text. */
    public Outcome answer(String text, long nowMs) {
        Outcome late = lateFor(nowMs);
        if (late != null) {
            return late;
        }
        advance(nowMs);
        if (!(current.terminal() instanceof Terminal.Ask) || decision != null || ended) {
            return Outcome.conflict(nothingOpen());
        }
        long[] w = window();
        if (nowMs < w[0]) {
            return Outcome.conflict("the question of scene '" + current.scene() + "' opens at " + seconds(w[0]));
        }
        Evaluator.Taken taken = evaluator.answer(current, text);
        if (taken.problem() != null) {
            return Outcome.badInput(taken.problem());
        }
        decide(taken, text.strip(), last().endMs(), true);
        settle();
        return Outcome.OK;
    }

    /**
     * Goes back to the choice before the one the viewer is at: its scene plays again (from
     * the next segment boundary) in the state the viewer had then.
     */
    public Outcome back(long nowMs) {
        return back(nowMs, 0);
    }

    /** Goes back as {@link #back(long)} does, after what the playlists promised up to {@code committedMs}. */
    public Outcome back(long nowMs, long committedMs) {
        advance(nowMs);
        int here = played.size() - 1;
        boolean atOpenChoice = current.terminal() instanceof Terminal.Choice && decision == null;
        int from = atOpenChoice ? here - 1 : here;
        for (int i = from; i >= 0; i--) {
            Played p = played.get(i);
            SceneVisit visit = evaluator.enter(p.entered(), p.before());
            if (visit.terminal() instanceof Terminal.Choice) {
                long at = Math.max(boundaryAfter(Math.max(nowMs, committedMs)), last().startMs());
                played.set(here, last().endingAt(Math.min(at, last().endMs())));
                decision = null;
                decisionLabel = null;
                ended = false;
                stopped = null;
                append(p.entered(), p.before(), last().endMs());
                return Outcome.OK;
            }
        }
        return Outcome.conflict("there is no earlier choice to go back to");
    }

    /** A 409 when the open window has run out by {@code nowMs} (its default is then taken), else null. */
    private Outcome lateFor(long nowMs) {
        long[] w = window();
        if (w == null || decision != null || ended || nowMs < w[1]) {
            return null;
        }
        String scene = current.scene();
        advance(nowMs);
        return Outcome.conflict("the window of scene '" + scene + "' closed at " + seconds(w[1]) + " and it is " + seconds(nowMs)
                + "; the default was taken and nothing changed");
    }

    /** Moves the session to media time {@code nowMs}: windows that ran out take their default. */
    public void advance(long nowMs) {
        long[] w = window();
        if (w != null && decision == null && !ended && nowMs >= w[1]) {
            Evaluator.Taken taken = current.terminal() instanceof Terminal.Choice ? evaluator.chooseDefault(current) : evaluator.answerTimeout(current);
            String label = current.terminal() instanceof Terminal.Choice c ? c.defaultOption().label() : null;
            if (label != null && taken.target() != null) {
                timedOut.add(new String[] {current.scene(), taken.target()});
            }
            decide(taken, label, last().endMs(), true);
        }
        settle(nowMs);
    }

    private void decide(Evaluator.Taken taken, String label, long effectMs, boolean announce) {
        decision = taken;
        decisionLabel = label;
        if (effectMs < last().endMs()) {
            played.set(played.size() - 1, last().endingAt(effectMs));
        }
        if (announce) {
            events.add(new SessionEvent("choice-closed", current.scene(), effectMs, label == null ? List.of() : List.of(label)));
        }
    }

    private void settle() {
        settle(last().startMs());
    }

    /** Adds the visits that follow without the viewer: after a decision, and diverts within the horizon. */
    private void settle(long nowMs) {
        while (!ended) {
            Terminal t = current.terminal();
            if (decision != null) {
                Evaluator.Taken taken = decision;
                decision = null;
                decisionLabel = null;
                if (taken.problem() != null) {
                    stop(taken.problem());
                } else if ("END".equals(taken.target())) {
                    end();
                } else {
                    append(taken.target(), taken.state(), last().endMs());
                }
            } else if (t instanceof Terminal.GoTo go && last().endMs() - nowMs <= HORIZON_MS) {
                append(go.scene(), current.state(), last().endMs());
            } else if (t instanceof Terminal.End) {
                end();
            } else if (t instanceof Terminal.Stopped s) {
                stop(s.message());
            } else {
                return;
            }
        }
    }

    private void append(String scene, io.branchline.story.eval.ViewerState before, long startMs) {
        current = evaluator.enter(scene, before);
        played.add(new Played(scene, before, startMs, startMs + current.videoMs()));
        events.add(new SessionEvent("scene-started", current.scene(), startMs, List.of()));
        long[] w = window();
        if (w != null && current.terminal() instanceof Terminal.Choice c) {
            events.add(new SessionEvent("choice-open", current.scene(), w[0], c.options().stream().map(Terminal.ShownOption::label).toList()));
        } else if (w != null && current.terminal() instanceof Terminal.Ask a) {
            events.add(new SessionEvent("choice-open", current.scene(), w[0], List.of(a.question())));
        }
    }

    private void end() {
        ended = true;
        events.add(new SessionEvent("ended", current.scene(), last().endMs(), List.of()));
    }

    private void stop(String message) {
        ended = true;
        stopped = message;
        events.add(new SessionEvent("error", current.scene(), last().endMs(), List.of(message)));
    }

    private Played last() {
        return played.get(played.size() - 1);
    }

    /** The first segment boundary of the current visit at or after {@code nowMs}, no later than its end. */
    private long boundaryAfter(long nowMs) {
        CompiledStory story = evaluator.story();
        long segmentFrames = Math.max(1, Math.round(story.segmentMs() * frameNumerator / 1000.0));
        double segmentMs = segmentFrames * 1000.0 / frameNumerator;
        long start = last().startMs();
        // Half a millisecond of slack: boundaries are whole milliseconds, rounded from frames.
        long k = Math.max(0, (long) Math.ceil((nowMs - start - 0.5) / segmentMs));
        return Math.min(last().endMs(), start + Math.round(k * segmentMs));
    }

    private String nothingOpen() {
        if (ended) {
            return "the story has ended";
        }
        if (current.terminal() instanceof Terminal.Ask) {
            return "scene '" + current.scene() + "' asks a question, not a choice: answer it instead";
        }
        if (current.terminal() instanceof Terminal.Choice) {
            return "scene '" + current.scene() + "' offers a choice, not a question: pick an option instead";
        }
        return "there is no open choice or question now; scene '" + current.scene() + "' goes on by itself";
    }

    private static String seconds(long ms) {
        return String.format(java.util.Locale.ROOT, "%.1fs", ms / 1000.0);
    }
}
