package io.branchline.engine.render;

/**
 * Renders one job into storage; blocking. The render worker runs it on a worker thread.
 * The real one renders with the {@code SceneRenderer} into the segment store.
 */
@FunctionalInterface
public interface RenderFunction {

    /**
     * @param segmentReady told the index of each media segment as soon as it is stored
     * @throws io.branchline.renderer.RenderException when the job's input cannot be rendered (a bad asset)
     */
    RenderOutcome render(RenderJob job, java.util.function.IntConsumer segmentReady);
}
