package io.branchline.engine.simulate;

import io.branchline.renderer.RenderTier;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * What is stored of one visit at each tier: when each segment was first stored (a segment once
 * stored stays, even when the render that made it is dropped and starts again), which tiers are
 * whole, and which tiers a viewer has played.
 */
final class TierProgress {

    private final Map<RenderTier, long[]> storedAt = new EnumMap<>(RenderTier.class);
    private final Set<RenderTier> whole = EnumSet.noneOf(RenderTier.class);
    private final Set<RenderTier> watched = EnumSet.noneOf(RenderTier.class);

    TierProgress(int segments) {
        for (RenderTier t : RenderTier.values()) {
            long[] at = new long[segments];
            Arrays.fill(at, Long.MAX_VALUE);
            storedAt.put(t, at);
        }
    }

    /** Segment {@code index} of {@code tier} was stored at {@code nowMs}. */
    void stored(RenderTier tier, int index, long nowMs) {
        long[] at = storedAt.get(tier);
        if (index < at.length) {
            at[index] = Math.min(at[index], nowMs);
        }
    }

    void finished(RenderTier tier) {
        whole.add(tier);
    }

    boolean whole(RenderTier tier) {
        return whole.contains(tier);
    }

    /** A tier below full (a draft or a rough render) is wholly stored. */
    boolean wholeBelowFull() {
        return whole.stream().anyMatch(t -> t != RenderTier.FULL);
    }

    /** Some tier is wholly stored: a viewer can play the visit without waiting for a render. */
    boolean stored() {
        return !whole.isEmpty();
    }

    /** The best tier wholly stored (full before draft), or null. */
    RenderTier best() {
        for (RenderTier t : RenderTier.values()) {
            if (whole.contains(t)) {
                return t;
            }
        }
        return null;
    }

    /**
     * The tier a viewer sees of segment {@code index} when its player reaches it at {@code reachedMs}:
     * the best tier stored by then; {@code following} (the render the player started from) when
     * no tier is stored yet.
     */
    RenderTier seen(int index, long reachedMs, RenderTier following) {
        for (RenderTier t : RenderTier.values()) {
            long[] at = storedAt.get(t);
            if (index < at.length && at[index] <= reachedMs) {
                return t;
            }
        }
        return following;
    }

    void watchedAt(RenderTier tier) {
        watched.add(tier);
    }

    boolean watched(RenderTier tier) {
        return watched.contains(tier);
    }
}
