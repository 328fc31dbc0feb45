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

/** Sessions nobody touches expire: memory, file and pins go, and the viewer is told so. */
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

    @BeforeEach
    void start() throws Exception {
        engine = EngineOverHttp.start(dir, Map.of("short", STORY), 1, s -> s.idleLimit(Duration.ofMillis(700)));
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
        for (int i = 0; i < 40 && !Files.exists(file); i++) {
            Thread.sleep(25);
        }
        assertTrue(Files.exists(file));
        for (int i = 0; i < 20; i++) {
            assertEquals(200, view(watched).statusCode(), "a viewer who keeps asking keeps the session");
            Thread.sleep(100);
        }
        HttpResponse<Buffer> gone = view(left);
        assertEquals(404, gone.statusCode());
        assertTrue(gone.bodyAsJsonObject().getString("detail").contains("expired"), gone.bodyAsString());
        for (int i = 0; i < 40 && Files.exists(file); i++) {
            Thread.sleep(25);
        }
        assertFalse(Files.exists(file), "the expired session's file is deleted");
        assertEquals(200, view(watched).statusCode());
    }
}
