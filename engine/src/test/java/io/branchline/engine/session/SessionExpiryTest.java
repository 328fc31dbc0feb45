package io.branchline.engine.session;

import io.branchline.engine.EngineOverHttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.engine.http.HttpVerticle;
import io.branchline.engine.metrics.EngineMetrics;
import io.branchline.engine.render.RenderWorkerVerticle;
import io.branchline.engine.render.StoreRender;
import io.branchline.engine.store.SegmentStore;
import io.branchline.engine.stories.StoryCatalog;
import io.branchline.renderer.RenderTools;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sessions nobody touches expire: memory, file and pins go, and the viewer is told so. The
 * sessions' clock is the test's: time moves on when the test says, so a slow machine cannot
 * make the watched session look idle.
 */
class SessionExpiryTest {

    private static final String STORY = """
            title: Short
            format: 240x426 30fps
            segment: 1s
            === only ===
            shot 2s color "#102030"
            -> END
            """;

    @TempDir
    Path dir;
    private EngineOverHttp engine;
    private final java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong(1_000_000_000L);

    @BeforeEach
    void start() throws Exception {
        engine = EngineOverHttp.start(dir, Map.of("short", STORY), 1, s -> s.clock(now::get).idleLimit(Duration.ofMillis(700)));
    }

    @AfterEach
    void stop() throws Exception {
        engine.close();
    }

    private HttpResponse<Buffer> view(JsonObject created) throws Exception {
        return engine.get("/api/sessions/" + created.getString("id"), created.getString("token"));
    }

    @Test
    void anUntouchedSessionExpiresAndATouchedOneStays() throws Exception {
        JsonObject left = engine.post("/api/stories/short/sessions", null, null).bodyAsJsonObject();
        JsonObject watched = engine.post("/api/stories/short/sessions", null, null).bodyAsJsonObject();
        assertEquals(200, view(left).statusCode());
        Path file = dir.resolve("sessions/" + left.getString("id") + ".log");
        for (int i = 0; i < 400 && !Files.exists(file); i++) {
            Thread.sleep(25);
        }
        assertTrue(Files.exists(file));
        for (int i = 0; i < 4; i++) {
            now.addAndGet(Duration.ofMillis(300).toNanos());
            assertEquals(200, view(watched).statusCode(), "a viewer who keeps asking keeps the session");
        }
        // 1.2 s of the sessions' time without a word from the first viewer: its session expires at
        // the next tick (every 250 ms of real time); the file going is the sign.
        for (int i = 0; i < 400 && Files.exists(file); i++) {
            Thread.sleep(25);
        }
        assertFalse(Files.exists(file), "the expired session's file is deleted");
        HttpResponse<Buffer> gone = view(left);
        assertEquals(404, gone.statusCode());
        assertTrue(gone.bodyAsJsonObject().getString("detail").contains("expired"), gone.bodyAsString());
        assertEquals(200, view(watched).statusCode());
    }
}
