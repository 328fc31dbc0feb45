package io.branchline.engine.session;

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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sessions nobody touches expire: memory, file and pins go, and the viewer is told so. */
class SessionExpiryTest {

    @TempDir
    Path dir;
    private Vertx vertx;
    private WebClient client;
    private int port;
    private SegmentStore store;

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    @BeforeEach
    void start() throws Exception {
        Files.createDirectories(dir.resolve("stories/short"));
        Files.writeString(dir.resolve("stories/short/short.story"), """
                title: Short
                format: 240x426 30fps
                segment: 1s
                === only ===
                shot 2s color "#102030"
                -> END
                """);
        StoryCatalog catalog = new StoryCatalog(dir.resolve("stories"));
        catalog.refresh();
        store = SegmentStore.open(dir.resolve("store"), 1L << 30);
        vertx = Vertx.vertx();
        RenderTools tools = new RenderTools(() -> null, () -> null);
        EngineMetrics metrics = new EngineMetrics();
        await(vertx.deployVerticle(new RenderWorkerVerticle(new StoreRender(store, tools), 1, metrics)));
        SessionService sessions = new SessionService(vertx, catalog, store, tools, dir.resolve("sessions"), metrics)
                .idleLimit(Duration.ofMillis(700));
        HttpVerticle http = new HttpVerticle(catalog, sessions, store, metrics, "localhost", 0);
        await(vertx.deployVerticle(http));
        port = http.actualPort();
        client = WebClient.create(vertx);
    }

    @AfterEach
    void stop() throws Exception {
        await(vertx.close());
        store.close();
    }

    private HttpResponse<Buffer> view(JsonObject created) throws Exception {
        return await(client.get(port, "localhost", "/api/sessions/" + created.getString("id"))
                .putHeader("Authorization", "Bearer " + created.getString("token")).send());
    }

    @Test
    void anUntouchedSessionExpiresAndATouchedOneStays() throws Exception {
        JsonObject left = await(client.post(port, "localhost", "/api/stories/short/sessions").send()).bodyAsJsonObject();
        JsonObject watched = await(client.post(port, "localhost", "/api/stories/short/sessions").send()).bodyAsJsonObject();
        assertEquals(200, view(left).statusCode());
        Path file = dir.resolve("sessions/" + left.getString("id") + ".json");
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
