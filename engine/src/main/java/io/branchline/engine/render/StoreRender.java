package io.branchline.engine.render;

import io.branchline.engine.store.SceneWriter;
import io.branchline.engine.store.SegmentStore;
import io.branchline.engine.store.StoredScene;
import io.branchline.renderer.RenderCancel;
import io.branchline.renderer.RenderTools;
import io.branchline.renderer.RenderedScene;
import io.branchline.renderer.SceneRenderer;
import java.util.function.IntConsumer;

/**
 * Renders jobs with the scene renderer into the segment store; a visit already stored is not
 * rendered again. A render that fails or is cancelled leaves nothing in the store: its writer
 * is closed uncommitted, which throws away the segments it had written.
 */
public final class StoreRender implements RenderFunction {

    private final SegmentStore store;
    private final SceneRenderer renderer;

    public StoreRender(SegmentStore store, RenderTools tools) {
        this.store = store;
        this.renderer = new SceneRenderer(tools);
    }

    @Override
    public RenderOutcome render(RenderJob job, IntConsumer segmentReady, RenderCancel cancel) {
        StoredScene stored = store.scene(job.key()).orElse(null);
        if (stored != null) {
            return new RenderOutcome(job.key(), stored.segments().size(), stored.frames(), 0, true);
        }
        long t0 = System.nanoTime();
        try (SceneWriter writer = store.writer(job.key())) {
            RenderedScene scene = renderer.render(job.request(), job.key(),
                    writer.thenEach(segment -> segmentReady.accept(segment.index())), cancel);
            writer.commit(scene);
            return new RenderOutcome(job.key(), scene.segments().size(), scene.frames(), (System.nanoTime() - t0) / 1_000_000, false);
        }
    }
}
