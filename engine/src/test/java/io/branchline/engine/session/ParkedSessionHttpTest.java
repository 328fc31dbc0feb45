package io.branchline.engine.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.engine.EngineOverHttp;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A session nobody touches leaves memory (its log stays) and comes back, as it was, when its viewer returns. */
class ParkedSessionHttpTest {

    private static final String STORY = """
            title: Park
            format: 240x426 30fps
            segment: 1s
            === hall ===
            shot 3s color "#203040"
            choice 3s default left
              * "Left" -> left
              * "Right" -> right
            === left ===
            shot 2s color "#20c040"
            -> END
            === right ===
            shot 2s color "#2040e0"
            -> END
            """;

    @TempDir
    Path dir;
    private EngineOverHttp engine;

    @BeforeEach
    void start() throws Exception {
        engine = EngineOverHttp.start(dir, Map.of("park", STORY), 1, s -> s.parkAfter(Duration.ofMillis(500)));
    }

    @AfterEach
    void stop() throws Exception {
        engine.close();
    }

    private double live() throws Exception {
        String metrics = engine.get("/metrics", null).bodyAsString();
        return metrics.lines().filter(l -> l.startsWith("branchline_sessions_live ")).mapToDouble(l -> Double.parseDouble(l.split(" ")[1]))
                .findFirst().orElse(-1);
    }

    @Test
    void anUntouchedSessionIsParkedAndWokenByItsViewer() throws Exception {
        JsonObject created = engine.post("/api/stories/park/sessions", null, null).bodyAsJsonObject();
        String id = created.getString("id");
        String token = created.getString("token");
        assertEquals(204, engine.post("/api/sessions/" + id + "/position", token, "{\"ms\": 500, \"paused\": true}").statusCode());
        for (int i = 0; i < 100 && live() != 0; i++) {
            Thread.sleep(100);
        }
        assertEquals(0, live(), "parked: out of memory");
        JsonObject view = engine.get("/api/sessions/" + id, token).bodyAsJsonObject();
        assertEquals(id, view.getString("id"), "woken by its viewer: " + view.encode());
        assertEquals("hall", view.getString("scene"));
        assertEquals(1, live());
        assertEquals(401, engine.get("/api/sessions/" + id, "not-the-token").statusCode(), "still only its viewer steers it");
        assertEquals(204, engine.post("/api/sessions/" + id + "/position", token, "{\"ms\": 1500, \"paused\": true}").statusCode());
        JsonObject picked = engine.post("/api/sessions/" + id + "/choices", token, "{\"option\": 1}").bodyAsJsonObject();
        assertEquals("right", picked.getJsonArray("history").getJsonObject(1).getString("scene"));
        assertTrue(engine.get("/sessions/" + id + "/index.m3u8", null).bodyAsString().contains("segments/0-0.m4s"),
                "an HLS player wakes it too");
        assertEquals(404, engine.get("/api/sessions/nobody-ever", token).statusCode());
    }
}
