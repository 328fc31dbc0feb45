package io.branchline.engine.cluster;

import io.branchline.engine.render.RenderFunction;
import io.branchline.engine.render.RenderJob;
import io.branchline.engine.render.RenderOutcome;
import io.branchline.renderer.RenderCancel;
import java.util.function.IntConsumer;

/**
 * A render function slowed by a sleep before each render, to stand in for a GPU model in tests
 * and benchmarks (two cores would otherwise limit them, not the nodes). The sleep looks at the
 * cancel token every 50 ms, so a lost lease still stops it.
 */
public final class SlowRender implements RenderFunction {

    private final RenderFunction render;
    private final long delayMs;

    public SlowRender(RenderFunction render, long delayMs) {
        this.render = render;
        this.delayMs = delayMs;
    }

    /** {@code render} slowed by {@code -Dbranchline.nodeRenderDelayMs} (none by default: {@code render} itself). */
    public static RenderFunction fromProperties(RenderFunction render) {
        long delay = Long.getLong("branchline.nodeRenderDelayMs", 0);
        return delay > 0 ? new SlowRender(render, delay) : render;
    }

    @Override
    public RenderOutcome render(RenderJob job, IntConsumer segmentReady, RenderCancel cancel) {
        long end = System.nanoTime() + delayMs * 1_000_000;
        while (System.nanoTime() < end) {
            cancel.check(0);
            try {
                Thread.sleep(Math.min(50, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new io.branchline.renderer.RenderCancelled(0, "interrupted");
            }
        }
        return render.render(job, segmentReady, cancel);
    }
}
