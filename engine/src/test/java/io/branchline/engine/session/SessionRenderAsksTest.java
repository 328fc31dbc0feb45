package io.branchline.engine.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.engine.render.RenderAddresses;
import io.branchline.engine.render.RenderJob;
import io.branchline.engine.stories.StoryCatalog;
import io.branchline.engine.store.SegmentStore;
import io.branchline.renderer.RenderTools;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a session asks of the render worker, seen on the event bus by a stand-in worker that
 * only listens: the visit it plays on demand, the options of its choice rendered ahead with
 * their probabilities and the choice's deadline, and the withdrawal of the option not taken.
 */
class SessionRenderAsksTest {

    private static final String STORY = """
            format: 240x426 30fps
            segment: 1s
            === hall ===
            shot 4s color "#203040"
            choice 2s default left
              * "Left" -> left
              * "Right" -> right
              * "Leave" -> END
            === left ===
            shot 1s title "Left"
            -> END
            === right ===
            shot 1s title "Right"
            -> END
            """;

    @TempDir
    Path dir;
    private Vertx vertx;
    private Context loop;
    private SegmentStore store;
    private SessionService service;
    private final io.branchline.engine.metrics.EngineMetrics metrics = new io.branchline.engine.metrics.EngineMetrics();
    private final List<RenderJob> jobs = new CopyOnWriteArrayList<>();
    private final List<JsonObject> withdrawals = new CopyOnWriteArrayList<>();

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /** Runs on the service's event loop, as the HTTP verticle does. */
    private <T> T onLoop(Supplier<Future<T>> work) throws Exception {
        Promise<T> done = Promise.promise();
        loop.runOnContext(v -> work.get().onComplete(done));
        return await(done.future());
    }

    private void waitFor(Supplier<Boolean> condition, String what) throws Exception {
        for (int i = 0; i < 300 && !condition.get(); i++) {
            Thread.sleep(20);
        }
        assertTrue(condition.get(), what);
    }

    @BeforeEach
    void start() throws Exception {
        Files.createDirectories(dir.resolve("stories/doors"));
        Files.writeString(dir.resolve("stories/doors/doors.story"), STORY);
        StoryCatalog catalog = new StoryCatalog(dir.resolve("stories"));
        catalog.refresh();
        store = SegmentStore.open(dir.resolve("store"), 1L << 30);
        vertx = Vertx.vertx();
        RenderAddresses.registerCodecs(vertx);
        vertx.eventBus().<RenderJob>consumer(RenderAddresses.JOBS, m -> jobs.add(m.body()));
        vertx.eventBus().<JsonObject>consumer(RenderAddresses.WITHDRAW, m -> withdrawals.add(m.body()));
        loop = vertx.getOrCreateContext();
        service = onLoop(() -> {
            SessionService s = new SessionService(vertx, catalog, store, new RenderTools(() -> null, () -> null), dir.resolve("sessions"),
                    metrics);
            return s.start().map(n -> s);
        });
    }

    @AfterEach
    void stop() throws Exception {
        await(vertx.close());
        store.close();
    }

    private RenderJob job(String title) {
        return jobs.stream().filter(j -> j.shots().get(0).text() != null && j.shots().get(0).text().equals(title)).findFirst()
                .orElseThrow(() -> new AssertionError("no job for " + title + " in " + jobs));
    }

    @Test
    void theOptionsGoAheadWithTheirChanceAndTheChoicesDeadlineAndTheOneNotTakenIsWithdrawn() throws Exception {
        long before = System.currentTimeMillis();
        String id = onLoop(() -> service.create("doors")).getString("id");
        waitFor(() -> jobs.size() == 3, "hall, and both options ahead: " + jobs);

        RenderJob hall = jobs.stream().filter(RenderJob::onDemand).findFirst().orElseThrow();
        assertEquals(id, hall.session());
        assertEquals(1.0, hall.probability());
        RenderJob left = job("Left");
        RenderJob right = job("Right");
        for (RenderJob option : List.of(left, right)) {
            assertEquals(RenderJob.SPECULATIVE, option.reason());
            assertEquals(id, option.session());
            assertEquals(1 / 3.0, option.probability(), 1e-9, "equal weights, no picks yet; Leave has nothing to render");
            // The player stands at 0 until it fetches: the choice takes effect when hall's 4 s end, less the fetch margin.
            assertTrue(option.deadlineMs() >= before + 3000 && option.deadlineMs() <= System.currentTimeMillis() + 3000,
                    option.deadlineMs() - before + " ms after the start");
        }
        assertTrue(hall.deadlineMs() < left.deadlineMs(), "hall is needed before the options");
        assertTrue(withdrawals.isEmpty());

        onLoop(() -> {
            service.position(id, 2500, true);
            return service.choose(id, 1);
        });
        waitFor(() -> !withdrawals.isEmpty(), "the option not taken is withdrawn");
        assertEquals(new JsonObject().put("session", id).put("keys", new io.vertx.core.json.JsonArray().add(left.key())),
                withdrawals.get(0));
        waitFor(() -> jobs.size() == 4, "right is asked for again, now on demand");
        RenderJob picked = jobs.get(3);
        assertEquals(right.key(), picked.key());
        assertTrue(picked.onDemand());
    }

    @Test
    void whenTheStoryEndsAtTheChoiceEveryOptionRenderedAheadIsWithdrawn() throws Exception {
        String id = onLoop(() -> service.create("doors")).getString("id");
        waitFor(() -> jobs.size() == 3, "hall, and both doors ahead: " + jobs);
        onLoop(() -> {
            service.position(id, 2500, true);
            return service.choose(id, 2);
        });
        waitFor(() -> !withdrawals.isEmpty(), "both doors are withdrawn");
        assertEquals(java.util.Set.of(job("Left").key(), job("Right").key()),
                java.util.Set.copyOf(withdrawals.get(0).getJsonArray("keys").stream().map(Object::toString).toList()));
    }

    @Test
    void aPlayerWhoseClockReachesASegmentNotRenderedCountsOneStall() throws Exception {
        String id = onLoop(() -> service.create("doors")).getString("id");
        assertTrue(!metrics.scrape().contains("branchline_stalls_total 1.0"), "a player that has not started is not stalled");
        onLoop(() -> {
            service.position(id, 500, false); // playing, and nothing of hall is rendered (this worker only listens)
            service.tick();
            service.tick();
            return Future.succeededFuture();
        });
        assertTrue(metrics.scrape().contains("branchline_stalls_total 1.0"), "counted once per segment waited for: " + metrics.scrape());
    }
}
