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
}
