package io.branchline.engine.render;

import io.branchline.renderer.RenderCancel;

/**
 * Renders one job into storage; blocking. The render worker runs it on a thread of its own.
 * The real one renders with the {@code SceneRenderer} into the segment store.
 */
@FunctionalInterface
public interface RenderFunction {

    /**
     * @param segmentReady told the index of each media segment as soon as it is stored
     * @param cancel       looked at before every frame; once cancelled the render stops there, keeps
     *                     nothing of the visit and throws {@link io.branchline.renderer.RenderCancelled}
     * @throws io.branchline.renderer.RenderException when the job's input cannot be rendered (a bad asset)
     */
    RenderOutcome render(RenderJob job, java.util.function.IntConsumer segmentReady, RenderCancel cancel);
}
