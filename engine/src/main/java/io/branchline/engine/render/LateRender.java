package io.branchline.engine.render;

import io.branchline.renderer.RenderCancel;
import io.branchline.renderer.RenderCancelled;

/**
 * A render made late on purpose, for tests that need a prediction to miss whatever the machine:
 * jobs whose visit has a shot of one kind (e.g. {@code generate}) wait a fixed time before they
 * start. Off unless {@code -Dbranchline.faults.lateRenderMs=N} is set (with
 * {@code -Dbranchline.faults.lateRenderKind=KIND}, {@code generate} by default); never part of a
 * normal run. A test that depends on a render being slow uses this instead of luck.
 */
public final class LateRender implements RenderFunction {

    private final RenderFunction inner;
    private final long delayMs;
    private final String kind;

    private LateRender(RenderFunction inner, long delayMs, String kind) {
        this.inner = inner;
        this.delayMs = delayMs;
        this.kind = kind;
    }

    /** {@code render}, made late when the system properties ask for it; else {@code render} itself. */
    public static RenderFunction fromProperties(RenderFunction render) {
        long delay = Long.getLong("branchline.faults.lateRenderMs", 0);
        if (delay <= 0) {
            return render;
        }
        System.getLogger("branchline.render").log(System.Logger.Level.WARNING, "renders of visits with a '"
                + System.getProperty("branchline.faults.lateRenderKind", "generate") + "' shot start " + delay + " ms late (a test fault)");
        return new LateRender(render, delay, System.getProperty("branchline.faults.lateRenderKind", "generate"));
    }

    @Override
    public RenderOutcome render(RenderJob job, java.util.function.IntConsumer segmentReady, RenderCancel cancel) {
        if (job.request().shots().stream().anyMatch(s -> kind.equals(s.kind()))) {
            long until = System.nanoTime() + delayMs * 1_000_000;
            while (System.nanoTime() < until) {
                if (cancel.cancelled()) {
                    throw new RenderCancelled(0, "cancelled while made late");
                }
                try {
                    Thread.sleep(Math.min(50, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new RenderCancelled(0, "interrupted while made late");
                }
            }
        }
        return inner.render(job, segmentReady, cancel);
    }
}
