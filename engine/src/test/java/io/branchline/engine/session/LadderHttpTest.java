package io.branchline.engine.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.engine.EngineOverHttp;
import io.branchline.engine.render.RenderFunction;
import io.branchline.renderer.RenderCancelled;
import io.branchline.renderer.RenderTier;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The render ladder end to end over HTTP, with full-quality renders held back by the test (a
 * render function it controls, not a slow machine): the viewer is streamed the draft and never
 * waits for full quality; once the full tier is rendered it replaces the draft in the store and
 * in what the viewer is sent.
 */
class LadderHttpTest {

    private static final String STORY = """
            title: Doors
            format: 720x1280 30fps
            segment: 1s
            === hall ===
            shot 3s generate "a harbour at dusk"
            choice 1s default left
              * "Left" -> left
              * "Right" -> right
            === left ===
            shot 2s title "Left"
            -> END
            === right ===
            shot 2s title "Right"
            -> END
            """;

    @TempDir
    Path dir;
    private EngineOverHttp engine;
    private final CountDownLatch fullQuality = new CountDownLatch(1);

    /** Holds every full-quality render until the test lets them go; drafts go through at once. */
    private RenderFunction holdFullQuality(RenderFunction real) {
        return (job, ready, cancel) -> {
            if (job.renderTier() == RenderTier.FULL) {
                try {
                    while (!fullQuality.await(20, TimeUnit.MILLISECONDS)) {
                        if (cancel.cancelled()) {
                            throw new RenderCancelled(0, "cancelled while held");
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new RenderCancelled(0, "interrupted while held");
                }
            }
            return real.render(job, ready, cancel);
        };
    }

    @AfterEach
    void stop() throws Exception {
        fullQuality.countDown();
        if (engine != null) {
            engine.close();
        }
    }

    private double metric(String regex) throws Exception {
        String text = engine.get("/metrics", null).bodyAsString();
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    /** A new session of the story: its id and token. */
    private JsonObject newSession() throws Exception {
        HttpResponse<Buffer> created = engine.post("/api/stories/doors/sessions", null, null);
        assertEquals(201, created.statusCode(), created.bodyAsString());
        return created.bodyAsJsonObject();
    }

    private String playlistWith(String id, String needle) throws Exception {
        return engine.playlistWith(id, needle);
    }

    @Test
    void aViewerIsStreamedTheDraftWhileFullQualityCannotBeReadyAndTheFullTierThenReplacesIt() throws Exception {
        engine = EngineOverHttp.startWithLadder(dir, Map.of("doors", STORY), 3, this::holdFullQuality);
        JsonObject created = newSession();
        String id = created.getString("id");
        String token = created.getString("token");

        // The first scene, generated, is needed now: full quality would be later than its draft (and is held
        // anyway), so the draft is rendered and streamed.
        playlistWith(id, "segments/0-0.m4s");
        assertEquals(200, engine.get("/sessions/" + id + "/segments/0-0.m4s", null).statusCode());
        playlistWith(id, "segments/0-1.m4s");
        assertEquals(200, engine.get("/sessions/" + id + "/segments/0-1.m4s", null).statusCode());
        JsonObject hall = engine.get("/api/sessions/" + id, token).bodyAsJsonObject().getJsonArray("history").getJsonObject(0);
        for (long until = System.nanoTime() + 30_000_000_000L; hall.getInteger("ready") < 3 && System.nanoTime() < until; ) {
            Thread.sleep(50); // the draft's last segment is still rendering
            hall = engine.get("/api/sessions/" + id, token).bodyAsJsonObject().getJsonArray("history").getJsonObject(0);
        }
        String key = hall.getString("key");
        assertEquals(3, hall.getInteger("ready"), "every segment of the scene is ready while its full render is still held: " + hall);
        HttpResponse<Buffer> byKey = engine.get("/segments/" + key + "/seg-00001.m4s", null);
        assertEquals(200, byKey.statusCode(), "the web player fetches by the visit's key: it gets the draft");
        assertEquals("no-cache", byKey.getHeader("Cache-Control"), "a draft under the visit's key is not cached as final");
        assertEquals(1, metric("branchline_served_segments_total\\{tier=\"draft\"\\} ([0-9.]+)"));
        for (long until = System.nanoTime() + 30_000_000_000L; engine.store.scene(RenderTier.DRAFT.key(key)).isEmpty()
                && System.nanoTime() < until; ) {
            Thread.sleep(20); // its last segment is out; the draft commits just after
        }
        assertTrue(engine.store.scene(RenderTier.DRAFT.key(key)).isPresent(), "the draft is stored under its own key");
        assertTrue(engine.store.scene(key).isEmpty(), "full quality is not rendered yet");
        assertTrue(metric("branchline_served_media_seconds_total\\{tier=\"draft\"\\} ([0-9.]+)") >= 2, "two seconds of draft sent");
        assertTrue(engine.get("/api/stories/doors/studio", null).bodyAsString().contains("\"status\":\"draft\""),
                "the studio shows the scene stored as a draft");
        assertEquals(1, metric("branchline_renders_total\\{reason=\"on-demand\",reused=\"false\",tier=\"draft\"\\} ([0-9.]+)"));

        // Full quality is let go: the upgrade renders it, the store keeps only the better tier, the viewer is sent it.
        fullQuality.countDown();
        for (int i = 0; i < 400 && (engine.store.scene(key).isEmpty() || engine.store.scene(RenderTier.DRAFT.key(key)).isPresent()); i++) {
            Thread.sleep(50);
        }
        assertTrue(engine.store.scene(key).isPresent(), "the full tier was rendered after the draft");
        assertTrue(engine.store.scene(RenderTier.DRAFT.key(key)).isEmpty(), "and the draft, of no more use, removed");
        double fullBefore = metric("branchline_served_media_seconds_total\\{tier=\"full\"\\} ([0-9.]+)");
        assertEquals(200, engine.get("/sessions/" + id + "/segments/0-0.m4s", null).statusCode());
        assertEquals(fullBefore + 1, metric("branchline_served_media_seconds_total\\{tier=\"full\"\\} ([0-9.]+)"), 1e-9,
                "the same segment asked again comes at full quality");
        assertEquals(404, engine.get("/segments/" + RenderTier.DRAFT.key(key) + "/init.mp4", null).statusCode(), "the draft's own files are gone");
        HttpResponse<Buffer> full = engine.get("/segments/" + key + "/seg-00000.m4s", null);
        assertEquals(200, full.statusCode());
        assertEquals("public, max-age=31536000, immutable", full.getHeader("Cache-Control"), "full quality is final");
    }

    /**
     * Lets the full-quality render of what is rendered ahead at start-up (an anonymous guess) make its
     * first segment, then holds it until the test lets it go; every other render goes through.
     */
    private RenderFunction holdFullQualityAfterItsFirstSegment(RenderFunction real, CountDownLatch held) {
        return (job, ready, cancel) -> real.render(job, index -> {
            ready.accept(index);
            if (job.renderTier() == RenderTier.FULL && job.session() == null && !job.onDemand() && index == 0) {
                held.countDown();
                try {
                    while (!fullQuality.await(20, TimeUnit.MILLISECONDS) && !cancel.cancelled()) {
                        // held: the render has fallen behind (the test's stand-in for a busy machine)
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, cancel);
    }

    @Test
    void aFirstSceneRenderedAheadInFullThatFallsBehindItsFirstViewerIsRescuedByADraft() throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        engine = EngineOverHttp.startWithLadder(dir, Map.of("doors", STORY), 2, real -> holdFullQualityAfterItsFirstSegment(real, held));
        // As serve does at start-up: the first scene is rendered ahead of any viewer, with time to spare, so in full.
        engine.vertx.runOnContext(v -> new io.branchline.engine.render.FirstScenes(engine.vertx, engine.catalog, engine.store,
                engine.sessions.tools()).start());
        assertTrue(held.await(30, TimeUnit.SECONDS), "the full render made its first segment");

        // A viewer arrives and needs the scene now; its full render is stuck after one segment.
        JsonObject created = newSession();
        String id = created.getString("id");
        String token = created.getString("token");
        playlistWith(id, "segments/0-0.m4s");
        assertEquals(200, engine.get("/sessions/" + id + "/segments/0-0.m4s", null).statusCode());
        assertEquals(1, metric("branchline_served_media_seconds_total\\{tier=\"full\"\\} ([0-9.]+)"), 1e-9,
                "the segment the full render had made is sent at full quality");
        playlistWith(id, "segments/0-1.m4s");
        JsonObject hall = engine.get("/api/sessions/" + id, token).bodyAsJsonObject().getJsonArray("history").getJsonObject(0);
        String key = hall.getString("key");
        assertEquals(1, metric("branchline_render_rescues_total ([0-9.]+)"), "one rescue draft");
        assertTrue(engine.store.scene(key).isEmpty(), "the full render is still held");
        assertEquals(200, engine.get("/sessions/" + id + "/segments/0-1.m4s", null).statusCode());
        playlistWith(id, "segments/0-2.m4s");
        assertEquals(200, engine.get("/sessions/" + id + "/segments/0-2.m4s", null).statusCode());
        assertEquals(2, metric("branchline_served_media_seconds_total\\{tier=\"draft\"\\} ([0-9.]+)"), 1e-9,
                "the two it had not made come from the rescue");

        // Let the full render go: it finishes as an upgrade, and the draft goes from the store.
        fullQuality.countDown();
        for (int i = 0; i < 400 && (engine.store.scene(key).isEmpty() || engine.store.scene(RenderTier.DRAFT.key(key)).isPresent()); i++) {
            Thread.sleep(50);
        }
        assertTrue(engine.store.scene(key).isPresent(), "the full tier finished");
        assertTrue(engine.store.scene(RenderTier.DRAFT.key(key)).isEmpty(), "and the rescue draft was removed");
    }

    private static final String FORK = """
            title: Fork
            format: 240x426 30fps
            segment: 1s
            === hall ===
            shot 3s color "#203040"
            choice 3s default likely
              * "Likely" -> likely weight 99
              * "Unlikely" -> unlikely weight 1
            === likely ===
            shot 2s color "#20c040"
            -> END
            === unlikely ===
            shot 2s generate "a lighthouse in fog"
            -> END
            """;

    private static void await(java.util.function.BooleanSupplier what, String description) throws Exception {
        for (long until = System.nanoTime() + 60_000_000_000L; !what.getAsBoolean() && System.nanoTime() < until; ) {
            Thread.sleep(20);
        }
        assertTrue(what.getAsBoolean(), description);
    }

    @Test
    void anUnlikelyOptionIsRenderedAheadAsADraftOnlyAndInFullOnceAViewerTakesIt() throws Exception {
        engine = EngineOverHttp.startWithLadder(dir, Map.of("fork", FORK), 2, real -> real);
        JsonObject created = engine.post("/api/stories/fork/sessions", null, null).bodyAsJsonObject();
        String id = created.getString("id");
        String token = created.getString("token");
        String[] keys = new String[2];
        await(() -> {
            try {
                var options = engine.get("/api/sessions/" + id, token).bodyAsJsonObject().getJsonObject("choice").getJsonArray("options");
                keys[0] = options.getJsonObject(0).getJsonObject("next").getString("key");
                keys[1] = options.getJsonObject(1).getJsonObject("next").getString("key");
                return keys[0] != null && keys[1] != null;
            } catch (Exception e) {
                return false;
            }
        }, "the options' keys are known");
        String unlikely = keys[1];
        await(() -> engine.store.scene(keys[0]).isPresent(), "the likely option is rendered ahead in full");
        await(() -> engine.store.scene(RenderTier.DRAFT.key(unlikely)).isPresent(), "the unlikely one is rendered ahead as a draft");
        Thread.sleep(1000); // nothing follows it while nobody takes it
        assertTrue(engine.store.scene(unlikely).isEmpty(), "no full tier of an option nobody took");
        assertTrue(metric("branchline_renders_total\\{reason=\"speculative\",reused=\"false\",tier=\"draft\"\\} ([0-9.]+)") >= 1);

        engine.post("/api/sessions/" + id + "/position", token, "{\"ms\": 2100, \"paused\": false}");
        HttpResponse<Buffer> picked = engine.post("/api/sessions/" + id + "/choices", token, "{\"option\": 1}");
        assertEquals(200, picked.statusCode(), picked.bodyAsString());
        await(() -> engine.store.scene(unlikely).isPresent(), "taken, the option is rendered in full after its draft");
        await(() -> engine.store.scene(RenderTier.DRAFT.key(unlikely)).isEmpty(), "and the draft removed");
    }

    @Test
    void withTheLadderOffTheViewerWaitsForFullQuality() throws Exception {
        engine = EngineOverHttp.start(dir, Map.of("doors", STORY.replace("generate \"a harbour at dusk\"", "color \"#203040\"")), 3, s -> s);
        HttpResponse<Buffer> created = engine.post("/api/stories/doors/sessions", null, null);
        String id = created.bodyAsJsonObject().getString("id");
        playlistWith(id, "segments/0-0.m4s");
        assertEquals(0, metric("branchline_renders_total\\{[^}]*tier=\"draft\"\\} ([0-9.]+)"), "no draft without the ladder");
    }
}
