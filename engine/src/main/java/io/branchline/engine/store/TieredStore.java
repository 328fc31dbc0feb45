package io.branchline.engine.store;

import io.branchline.renderer.RenderTier;
import java.util.Optional;

/**
 * The store seen through the render ladder: a visit (named by its full-tier key) may be stored at
 * several tiers, each under its own content key ({@link RenderTier#key}). Lookups give the best
 * tier there is, per file: a segment the full render has finished is never sent as a draft.
 */
public final class TieredStore {

    /** A stored file and the tier it is from. */
    public record TieredFile(StoredFile file, RenderTier tier) {
    }

    private TieredStore() {
    }

    /**
     * The file {@code name} of the visit {@code visitKey} at the best tier that has it, complete or
     * being rendered. A tier being healed (damaged, rendered again) is skipped when a worse tier has
     * the file; when none has it, the healing tier's "try again" stands.
     *
     * @throws StoreUnavailableException when no tier has the file and one is being healed or the disk cannot answer
     */
    public static Optional<TieredFile> best(SegmentStore store, String visitKey, String name) {
        StoreUnavailableException unavailable = null;
        for (RenderTier tier : RenderTier.values()) {
            try {
                Optional<StoredFile> f = store.partial(tier.key(visitKey), name);
                if (f.isPresent()) {
                    return Optional.of(new TieredFile(f.get(), tier));
                }
            } catch (StoreUnavailableException e) {
                if (unavailable == null) {
                    unavailable = e;
                }
            }
        }
        if (unavailable != null) {
            throw unavailable;
        }
        return Optional.empty();
    }

    /** The best tier at which the visit {@code visitKey} is stored whole, if any. */
    public static Optional<RenderTier> storedTier(SegmentStore store, String visitKey) {
        for (RenderTier tier : RenderTier.values()) {
            if (store.scene(tier.key(visitKey)).isPresent()) {
                return Optional.of(tier);
            }
        }
        return Optional.empty();
    }

    /**
     * The visit {@code visitKey} stored whole at {@code tier} or a better one, if any: a render at
     * {@code tier} has nothing to do then (a viewer is never sent worse than what is stored).
     */
    public static Optional<StoredScene> asGoodAs(SegmentStore store, String visitKey, RenderTier tier) {
        for (RenderTier t : RenderTier.values()) {
            if (t == tier || t.betterThan(tier)) {
                Optional<StoredScene> stored = store.scene(t.key(visitKey));
                if (stored.isPresent()) {
                    return stored;
                }
            }
        }
        return Optional.empty();
    }

    /** Pins every tier of a visit for {@code owner}. */
    public static void pin(SegmentStore store, String visitKey, String owner) {
        for (RenderTier tier : RenderTier.values()) {
            store.pin(tier.key(visitKey), owner);
        }
    }

    /** Unpins every tier of a visit for {@code owner}. */
    public static void unpin(SegmentStore store, String visitKey, String owner) {
        for (RenderTier tier : RenderTier.values()) {
            store.unpin(tier.key(visitKey), owner);
        }
    }

    /** The full tier of {@code visitKey} is stored whole: the worse tiers are of no more use and are removed. */
    public static void keepBest(SegmentStore store, String visitKey) {
        if (store.scene(visitKey).isEmpty()) {
            return;
        }
        for (RenderTier tier : RenderTier.values()) {
            if (tier != RenderTier.FULL) {
                store.discard(tier.key(visitKey));
            }
        }
    }
}
