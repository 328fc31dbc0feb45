package io.branchline.engine.render;

/**
 * The answer of a render worker.
 *
 * @param key      the visit's content key
 * @param segments how many media segments it has
 * @param frames   how many video frames
 * @param renderMs how long the render took (0 when the visit was already stored)
 * @param reused   whether it was already stored and not rendered again
 */
public record RenderOutcome(String key, int segments, int frames, long renderMs, boolean reused) {

    /**
     * The answer when {@code job}'s tier or a better one is stored whole already: the render has
     * nothing to do (a viewer is never sent worse than what is stored). Empty when it must render.
     */
    public static java.util.Optional<RenderOutcome> alreadyStored(io.branchline.engine.store.SegmentStore store, RenderJob job) {
        return io.branchline.engine.store.TieredStore.asGoodAs(store, job.key(), job.renderTier())
                .map(stored -> new RenderOutcome(job.key(), stored.segments().size(), stored.frames(), 0, true));
    }
}
