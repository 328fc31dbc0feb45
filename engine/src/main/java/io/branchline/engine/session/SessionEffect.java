package io.branchline.engine.session;

import io.branchline.renderer.SceneRequest;
import java.util.List;

/**
 * What a {@link SessionCore} asks its shell to do: the core decides, the shell (the engine's
 * {@link SessionService}, or a test) carries these out and reports back.
 */
public sealed interface SessionEffect {

    /** Which visit a key is for: visit {@code index} of the timeline, or option {@code index} of the choice at {@code generation}. */
    record VisitRef(boolean option, int index, int generation) {

        static VisitRef timeline(int index) {
            return new VisitRef(false, index, -1);
        }

        static VisitRef option(int generation, int index) {
            return new VisitRef(true, index, generation);
        }
    }

    /** Work out the content key of {@code request} (and pin it for this session when {@code pin}); answer {@link SessionCore#keyFound}. */
    record FindKey(VisitRef ref, SceneRequest request, boolean pin) implements SessionEffect {
    }

    /**
     * Ask for {@code key} to be rendered: on demand (the viewer's timeline needs it) or
     * speculatively with a {@code probability}, needed when the player reaches media time
     * {@code atMediaMs}; answer {@link SessionCore#visitStored} when it is stored whole.
     */
    record Render(String key, SceneRequest request, boolean onDemand, double probability, long atMediaMs, boolean draftOnly)
            implements SessionEffect {

        /** A render whose tier the render worker chooses. */
        public Render(String key, SceneRequest request, boolean onDemand, double probability, long atMediaMs) {
            this(key, request, onDemand, probability, atMediaMs, false);
        }
    }

    /**
     * Carry out {@code effect} {@code afterMs} from now: a key or a render that failed is asked
     * again (an asset missing for a while, a store full or read-only).
     */
    record Later(SessionEffect effect, long afterMs) implements SessionEffect {
    }

    /** This session no longer needs these renders. */
    record Withdraw(List<String> keys) implements SessionEffect {
    }

    /** The store may evict these visits (the player is well past them). */
    record Unpin(List<String> keys) implements SessionEffect {
    }

    /** Write the session to disk. */
    record Save(SessionFile file) implements SessionEffect {
    }

    /** Tell the session's listeners. */
    record Emit(SessionEvent event) implements SessionEffect {
    }

    /** A visit of the timeline is stored whole (its segments measure the stream, its init segment names the codecs). */
    record Stored(String key) implements SessionEffect {
    }

    /** A viewer picked {@code target} at the choice {@code choice} (a ChoicePredictor id): the pick should be kept. */
    record Learned(String choice, String target) implements SessionEffect {
    }

    /**
     * Nobody picked at the choice {@code choice} (a ChoicePredictor id) before its window closed:
     * the timer took {@code target}, the default. Counted apart from viewers' picks.
     */
    record TimedOut(String choice, String target) implements SessionEffect {
    }

    /** Count for the metrics: a pre-render hit or miss for a visit after the first. */
    record Prerendered(boolean hit) implements SessionEffect {
    }

    /** Count for the metrics: the player's clock reached a segment that is not stored. */
    record Stalled() implements SessionEffect {
    }
}
