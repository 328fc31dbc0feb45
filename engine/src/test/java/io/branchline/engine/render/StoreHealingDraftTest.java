package io.branchline.engine.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.branchline.engine.store.SegmentStore;
import io.branchline.renderer.RenderCancel;
import io.branchline.renderer.RenderTier;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A damaged draft that someone pins is healed by rendering its visit again, the tier left to the scheduler. */
class StoreHealingDraftTest {

    @TempDir
    Path dir;
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void stop() {
        vertx.close().await();
    }

    @Test
    void aDamagedDraftAsksForItsVisitAgain() throws Exception {
        RenderAddresses.registerCodecs(vertx);
        BlockingQueue<RenderJob> asked = new ArrayBlockingQueue<>(4);
        vertx.eventBus().<RenderJob>consumer(RenderAddresses.JOBS, m -> asked.add(m.body())).completion().await();
        SegmentStore store = SegmentStore.open(dir.resolve("store"), 1L << 30);
        StoreHealing healing = new StoreHealing(vertx, store, (job, ready, cancel) -> new RenderOutcome(job.key(), 1, 1, 1, false),
                dir.resolve("jobs"));
        String visit = "a".repeat(64);
        RenderJob job = new RenderJob(visit, dir.toString(), 144, 256, 12, 1000, "AI-generated", List.of(), RenderJob.ON_DEMAND,
                false, "session-1", 1, 0);
        healing.render(job.at(RenderTier.DRAFT), i -> { }, RenderCancel.NEVER);
        String draft = RenderTier.DRAFT.key(visit);

        healing.quarantined(draft, "seg-00000.m4s", "truncated");
        assertNull(asked.poll(300, TimeUnit.MILLISECONDS), "nobody pins the draft: nothing is rendered");

        store.pin(draft, "session-1");
        healing.quarantined(draft, "seg-00000.m4s", "truncated");
        RenderJob again = asked.poll(10, TimeUnit.SECONDS);
        assertEquals(visit, again.key(), "the visit is asked for, not its draft key");
        assertNull(again.tier(), "at whatever tier the scheduler finds time for: full quality replaces the draft");
        assertNull(again.session(), "anonymous: no session's withdrawal cancels a render that heals the store");
    }
}
