package io.branchline.engine.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.engine.EngineOverHttp;
import io.branchline.engine.store.SegmentStore;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each story's first visit is rendered before anyone asks, and again after the story changes. */
class FirstScenesTest {

    private static final String STORY = """
            title: Opening
            format: 240x426 30fps
            segment: 1s
            === first ===
            shot 2s color "#334455"
            -> END
            """;

    @TempDir
    Path dir;
    private EngineOverHttp engine;

    @AfterEach
    void stop() throws Exception {
        engine.close();
    }

    /** The key of the first visit, as a session of the story names it. */
    private String firstKey() throws Exception {
        JsonObject created = engine.post("/api/stories/opening/sessions", null, null).bodyAsJsonObject();
        for (int i = 0; i < 200; i++) {
            JsonObject view = engine.get("/api/sessions/" + created.getString("id"), created.getString("token")).bodyAsJsonObject();
            String key = view.getJsonArray("history").getJsonObject(0).getString("key");
            if (key != null) {
                return key;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the session never named its first visit");
    }

    private static void waitStored(SegmentStore store, String key) throws Exception {
        for (int i = 0; i < 300 && store.scene(key).isEmpty(); i++) {
            Thread.sleep(20);
        }
        assertTrue(store.scene(key).isPresent(), key + " is stored");
    }

    @Test
    void theFirstVisitIsRenderedAheadAndAgainWhenTheStoryChanges() throws Exception {
        engine = EngineOverHttp.start(dir, Map.of("opening", STORY));
        SegmentStore store = engine.store;
        engine.vertx.runOnContext(v -> new FirstScenes(engine.vertx, engine.catalog, store, engine.sessions.tools()).start());
        int before = scenes();
        // Nobody has asked yet, and the visit comes all the same.
        for (int i = 0; i < 300 && scenes() == before; i++) {
            Thread.sleep(20);
        }
        assertEquals(before + 1, scenes(), "one visit rendered ahead");
        String first = firstKey();
        waitStored(store, first);

        Files.writeString(dir.resolve("stories/opening/opening.story"), STORY.replace("#334455", "#554433"));
        engine.catalog.refresh();
        for (int i = 0; i < 400 && scenes() == before + 1; i++) {
            Thread.sleep(20);
        }
        assertEquals(before + 2, scenes(), "the changed story's first visit rendered ahead too");
        String changed = firstKey();
        assertTrue(!changed.equals(first), "a new first visit");
        waitStored(store, changed);
    }

    @Test
    void theEngineIsReadyForViewersOnceEveryFirstSceneIsRendered() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        // Every render waits for the test: the start-up is caught in the middle.
        engine = EngineOverHttp.startWithLadder(dir, Map.of("opening", STORY), 1, real -> (job, ready, cancel) -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return real.render(job, ready, cancel);
        });
        FirstScenes first = new FirstScenes(engine.vertx, engine.catalog, engine.store, engine.sessions.tools());
        io.branchline.engine.http.HttpVerticle http = new io.branchline.engine.http.HttpVerticle(engine.catalog, engine.sessions,
                engine.store, engine.metrics, "localhost", 0).readiness(first);
        EngineOverHttp.await(engine.vertx.deployVerticle(http));
        io.vertx.ext.web.client.WebClient client = engine.client;
        java.util.function.Supplier<io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer>> ask = () -> {
            try {
                return EngineOverHttp.await(client.get(http.actualPort(), "localhost", "/health/ready").send());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        assertEquals(503, ask.get().statusCode(), "not started: not ready");
        engine.vertx.runOnContext(v -> first.start());
        for (int i = 0; i < 200 && first.waiting().isEmpty(); i++) {
            Thread.sleep(20);
        }
        var starting = ask.get();
        assertEquals(503, starting.statusCode());
        assertEquals("1", starting.getHeader("Retry-After"));
        assertEquals(new io.vertx.core.json.JsonArray().add("opening"), starting.bodyAsJsonObject().getJsonArray("waiting"));
        assertEquals(200, EngineOverHttp.await(client.get(http.actualPort(), "localhost", "/health/live").send()).statusCode(),
                "alive all along");

        release.countDown();
        for (int i = 0; i < 500 && !first.ready(); i++) {
            Thread.sleep(20);
        }
        var ready = ask.get();
        assertEquals(200, ready.statusCode(), ready.bodyAsString());
        assertEquals("ready", ready.bodyAsJsonObject().getString("status"));
        assertTrue(engine.store.scene(firstKey()).isPresent(), "ready means the first scene is stored");

        // A story changed later is rendered again without taking the engine out of service.
        Files.writeString(dir.resolve("stories/opening/opening.story"), STORY.replace("#334455", "#554433"));
        engine.catalog.refresh();
        Thread.sleep(2500);
        assertEquals(200, ask.get().statusCode());
    }

    /**
     * A render slower than the ask's wait: the scene is rendered all the same, so nothing is worth a
     * warning (the engine once logged "could not be rendered ahead: Timed out" for such scenes) and
     * the engine gets ready once the store has it.
     */
    @Test
    void aRenderSlowerThanTheWaitIsNoWarningAndCountsOnceStored() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        engine = EngineOverHttp.startWithLadder(dir, Map.of("opening", STORY), 1, real -> (job, ready, cancel) -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return real.render(job, ready, cancel);
        });
        java.util.List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
        FirstScenes first = new FirstScenes(engine.vertx, engine.catalog, engine.store, engine.sessions.tools())
                .answerTimeout(100).warnings(warnings::add);
        engine.vertx.runOnContext(v -> first.start());
        // The wait ends while the render is held back.
        for (int i = 0; i < 200 && first.waiting().isEmpty(); i++) {
            Thread.sleep(20);
        }
        Thread.sleep(300);
        assertEquals(java.util.List.of("opening"), first.waiting(), "still waiting for the render, not given up");
        release.countDown();
        for (int i = 0; i < 500 && !first.ready(); i++) {
            Thread.sleep(20);
        }
        assertTrue(first.ready(), "ready once the slow render is stored");
        assertTrue(engine.store.scene(firstKey()).isPresent());
        assertEquals(java.util.List.of(), warnings, "a scene that was rendered is no warning");
    }

    private int scenes() throws Exception {
        Path folder = dir.resolve("store/scenes");
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (var list = Files.list(folder)) {
            return (int) list.filter(p -> p.getFileName().toString().matches("[0-9a-f]{64}")).count();
        }
    }
}
