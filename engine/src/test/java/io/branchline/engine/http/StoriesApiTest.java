package io.branchline.engine.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.engine.stories.StoriesVerticle;
import io.branchline.engine.stories.StoryCatalog;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The stories API over real HTTP, with stories on disk that change while the server runs. */
@ExtendWith(VertxExtension.class)
class StoriesApiTest {

    private static final String GOOD = """
            title: Good one
            === a ===
            shot 2s title "Hello"
            -> END
            """;

    @TempDir
    Path folder;
    private WebClient client;
    private int port;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        Files.createDirectories(folder.resolve("good"));
        Files.writeString(folder.resolve("good/good.story"), GOOD);
        Files.writeString(folder.resolve("broken.story"), "=== a ===\nshot 2s title \"x\"\n-> nowhere\n");
        StoryCatalog catalog = new StoryCatalog(folder);
        HttpVerticle http = new HttpVerticle(catalog, "localhost", 0);
        vertx.deployVerticle(new StoriesVerticle(catalog, 200)).compose(id -> vertx.deployVerticle(http))
                .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        port = http.actualPort();
        client = WebClient.create(vertx);
    }

    private HttpResponse<Buffer> get(String path) throws Exception {
        return client.get(port, "localhost", path).send().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void listsEveryStoryWithItsDiagnosticsCount() throws Exception {
        HttpResponse<Buffer> r = get("/api/stories");
        assertEquals(200, r.statusCode());
        JsonArray list = r.bodyAsJsonArray();
        assertEquals(2, list.size());
        assertEquals("broken", list.getJsonObject(0).getString("id"), "stories come in the order of their files");
        JsonObject broken = list.getJsonObject(0);
        JsonObject good = list.getJsonObject(1);
        assertEquals("Good one", good.getString("title"));
        assertTrue(good.getBoolean("ok"));
        assertEquals("720x1280 30fps", good.getString("format"));
        assertEquals(false, broken.getBoolean("ok"));
        assertEquals(1, broken.getInteger("errors"));
    }

    @Test
    void aStoryWithErrorsShowsThemAndNoGraph() throws Exception {
        JsonObject broken = get("/api/stories/broken").bodyAsJsonObject();
        assertEquals(null, broken.getJsonObject("graph"));
        JsonObject d = broken.getJsonArray("diagnostics").getJsonObject(0);
        assertEquals("BL0030", d.getString("code"));
        assertEquals(3, d.getInteger("line"));
        assertEquals(4, d.getInteger("column"));
        assertTrue(d.getString("printed").contains("^^^^^^^"), d.getString("printed"));
        JsonObject good = get("/api/stories/good").bodyAsJsonObject();
        assertEquals(1, good.getJsonObject("graph").getInteger("formatVersion"));
        assertEquals("a", good.getJsonObject("graph").getString("start"));
    }

    @Test
    void unknownThingsAreProblemDetails() throws Exception {
        HttpResponse<Buffer> r = get("/api/stories/missing");
        assertEquals(404, r.statusCode());
        assertEquals("application/problem+json", r.getHeader("Content-Type"));
        assertTrue(r.bodyAsJsonObject().getString("detail").contains("missing"));
        assertEquals(400, get("/api/stories/bad%20id").statusCode());
        assertEquals(404, get("/nothing/here").statusCode());
        HttpResponse<Buffer> api = get("/openapi.yaml");
        assertEquals(200, api.statusCode());
        assertTrue(api.bodyAsString().contains("/api/stories/{id}"));
    }

    @Test
    void aFixedStoryIsRecompiledWhileTheServerRuns() throws Exception {
        Path broken = folder.resolve("broken.story");
        Files.writeString(broken, "title: Fixed\n=== a ===\nshot 2s title \"x\"\n-> END\n");
        Files.setLastModifiedTime(broken, FileTime.from(Instant.now().plusSeconds(5)));
        JsonObject story = null;
        for (int i = 0; i < 50; i++) {
            story = get("/api/stories/broken").bodyAsJsonObject();
            if (story.getBoolean("ok")) {
                break;
            }
            Thread.sleep(100);
        }
        assertTrue(story.getBoolean("ok"), story::encodePrettily);
        assertEquals("Fixed", story.getString("title"));
    }
}
