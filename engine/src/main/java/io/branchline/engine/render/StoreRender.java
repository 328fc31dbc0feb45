package io.branchline.engine.render;

import io.branchline.engine.store.SceneWriter;
import io.branchline.engine.store.SegmentStore;
import io.branchline.engine.store.TieredStore;
import io.branchline.renderer.RenderTier;
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
    private io.branchline.engine.trust.Provenance provenance;

    public StoreRender(SegmentStore store, RenderTools tools) {
        this.store = store;
        this.renderer = new SceneRenderer(tools);
    }

    /** Signs each visit as it is stored (its own stream: init, then segments from 1), so stored files carry Content Credentials. */
    public StoreRender signing(io.branchline.engine.trust.Provenance provenance) {
        this.provenance = provenance;
        return this;
    }

    @Override
    public RenderOutcome render(RenderJob job, IntConsumer segmentReady, RenderCancel cancel) {
        java.util.Optional<RenderOutcome> stored = RenderOutcome.alreadyStored(store, job);
        if (stored.isPresent()) {
            return stored.get();
        }
        RenderTier tier = job.renderTier();
        long t0 = System.nanoTime();
        String key = job.tierKey();
        RenderedScene scene;
        try (SceneWriter writer = store.writer(key)) {
            io.branchline.renderer.encode.SegmentSink sink = writer;
            io.branchline.renderer.provenance.SigningSink signing = provenance == null ? null : provenance.signing(writer, job.request(), job.key(),
                    tier.name().toLowerCase(java.util.Locale.ROOT), key);
            scene = renderer.render(job.request(), key,
                    (signing == null ? sink : signing).thenEach(segment -> segmentReady.accept(segment.index())), cancel, tier);
            writer.commit(signing == null ? scene : signing.signed(scene));
        }
        // Once full quality is stored, worse tiers go, whichever finished last (a rescue draft may finish after its full render).
        TieredStore.keepBest(store, job.key());
        return new RenderOutcome(job.key(), scene.segments().size(), scene.frames(), (System.nanoTime() - t0) / 1_000_000, false);
    }
}
