package io.branchline.engine.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.branchline.engine.EngineOverHttp;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Renders on demand are also counted per client address: a second session from the same place waits for the quota. */
class AddressQuotaHttpTest {

    private static final String STORY = """
            title: Quota
            format: 240x426 30fps
            segment: 1s
            === start ===
            shot 1s color "#000000"
            -> END
            === a ===
            shot 2s color "#d02020"
            -> END
            === b ===
            shot 2s color "#2040e0"
            -> END
            """;

    @TempDir
    Path dir;
    private EngineOverHttp engine;

    @BeforeEach
    void start() throws Exception {
        engine = EngineOverHttp.start(dir, Map.of("quota", STORY), 1, s -> s.addressQuota(1, 600));
    }

    @AfterEach
    void stop() throws Exception {
        engine.close();
    }

    private int ready(JsonObject created) throws Exception {
        JsonObject view = engine.get("/api/sessions/" + created.getString("id"), created.getString("token")).bodyAsJsonObject();
        return view.getJsonArray("history").getJsonObject(0).getInteger("ready");
    }

    @Test
    void aSecondAddressRenderWaitsForTheQuota() throws Exception {
        JsonObject first = engine.post("/api/stories/quota/sessions", null, "{\"scene\": \"a\"}").bodyAsJsonObject();
        JsonObject second = engine.post("/api/stories/quota/sessions", null, "{\"scene\": \"b\"}").bodyAsJsonObject();
        for (int i = 0; i < 100 && ready(first) < 2; i++) {
            Thread.sleep(100);
        }
        assertEquals(2, ready(first), "the address's one render: the first session's scene");
        assertEquals(0, ready(second), "the second waits for the address's quota (one render every 10 minutes here)");
    }
}
