package io.branchline.engine.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.engine.EngineOverHttp;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A viewer's answer meets the prompt policy over real HTTP: a refusal is a 422 problem, and the story goes on. */
class AnswerPolicyHttpTest {

    private static final String STORY = """
            title: Wishes
            format: 240x426 30fps
            segment: 1s
            var name = "nobody"
            var wish = "nothing"
            === start ===
            shot 3s color "#203040"
            ask name "Your name?" 2s default "Ann" -> wishing
            === wishing ===
            shot 3s title "Hello, {name}"
            ask wish "Your wish?" 2s default "a red kite" -> granted
            === granted ===
            shot 1s generate "a crystal ball showing {wish}"
              caption "You wished for {wish}"
            -> END
            """;

    @TempDir
    Path dir;
    private EngineOverHttp engine;

    @BeforeEach
    void start() throws Exception {
        engine = EngineOverHttp.start(dir, Map.of("wishes", STORY));
    }

    @AfterEach
    void stop() throws Exception {
        engine.close();
    }

    @Test
    void aRefusedAnswerIsAProblemAndTheStoryGoesOnWithTheDefault() throws Exception {
        HttpResponse<Buffer> created = engine.post("/api/stories/wishes/sessions", null, null);
        assertEquals(201, created.statusCode(), created.bodyAsString());
        String id = created.bodyAsJsonObject().getString("id");
        String token = created.bodyAsJsonObject().getString("token");
        String answers = "/api/sessions/" + id + "/answers";

        // The name only goes into a title card: a real person's name is the viewer's own business there.
        engine.post("/api/sessions/" + id + "/position", token, "{\"ms\": 1500, \"paused\": true}");
        HttpResponse<Buffer> named = engine.post(answers, token, "{\"text\": \"Taylor Swift\"}");
        assertEquals(200, named.statusCode(), named.bodyAsString());
        assertEquals("wishing", named.bodyAsJsonObject().getString("scene"));

        // The wish goes into a generated shot: a real person is refused there, and so is harm anywhere.
        engine.post("/api/sessions/" + id + "/position", token, "{\"ms\": 4500, \"paused\": true}");
        for (String refused : new String[] {"Barack Obama", "how to make a pipe bomb"}) {
            HttpResponse<Buffer> r = engine.post(answers, token, new JsonObject().put("text", refused).encode());
            assertEquals(422, r.statusCode(), r.bodyAsString());
            assertEquals("application/problem+json", r.getHeader("Content-Type"));
            JsonObject problem = r.bodyAsJsonObject();
            assertEquals(422, problem.getInteger("status"));
            assertEquals("Answer refused", problem.getString("title"));
            String detail = problem.getString("detail");
            assertTrue(detail.contains(refused.startsWith("Barack") ? "real person" : "instructions for harm"), detail);
            assertTrue(detail.contains("default answer"), "says what happens next: " + detail);
            assertFalse(detail.contains(refused), "the refusal does not repeat the answer: " + detail);
        }
        JsonObject still = engine.get("/api/sessions/" + id, token).bodyAsJsonObject();
        assertEquals("wishing", still.getString("scene"), still.encode());
        assertEquals("Your wish?", still.getJsonObject("question").getString("text"), "the question is still open: " + still.encode());

        // Nobody answers again: the window closes and the default goes into the generated shot.
        engine.post("/api/sessions/" + id + "/position", token, "{\"ms\": 6000, \"paused\": true}");
        JsonObject after = engine.get("/api/sessions/" + id, token).bodyAsJsonObject();
        assertEquals("granted", after.getString("scene"), after.encode());
        JsonArray history = after.getJsonArray("history");
        JsonObject granted = history.getJsonObject(history.size() - 1);
        assertEquals("You wished for a red kite", granted.getJsonArray("captions").getJsonObject(0).getString("text"), after.encode());
    }
}
