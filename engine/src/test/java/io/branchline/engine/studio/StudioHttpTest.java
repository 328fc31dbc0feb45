package io.branchline.engine.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.engine.EngineOverHttp;
import io.branchline.engine.http.HttpVerticle;
import io.branchline.engine.metrics.EngineMetrics;
import io.branchline.engine.render.RenderWorkerVerticle;
import io.branchline.engine.render.StoreRender;
import io.branchline.engine.session.SessionService;
import io.branchline.engine.store.SegmentStore;
import io.branchline.engine.stories.StoryCatalog;
import io.branchline.renderer.RenderTools;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The studio's API over real HTTP: the map with picks and render status, source lines, live recompilation. */
class StudioHttpTest {

    private static final String STORY = """
            title: Doors
            format: 240x426 30fps
            segment: 1s
            === hall ===
            shot 2s color "#203040"
            choice 1s default left
              * "Left" -> left
              * "Right" -> right
            === left ===
            shot 1s color "#a02020"
            -> END
            === right ===
            shot 1s color "#20a020"
            -> END
            === attic ===
            shot 1s color "#ffffff"
            -> END
            """;

    @TempDir
    Path dir;
    private EngineOverHttp engine;
    private Vertx vertx;
    private WebClient client;
    private int port;
    private StoryCatalog catalog;

    @BeforeEach
    void start() throws Exception {
        engine = EngineOverHttp.start(dir, Map.of("doors", STORY), 2, s -> s);
        vertx = engine.vertx; client = engine.client; port = engine.port; catalog = engine.catalog;
    }

    @AfterEach
    void stop() throws Exception {
        engine.close();
    }


    private static JsonObject scene(JsonObject studio, String id) {
        return studio.getJsonArray("scenes").stream().map(JsonObject.class::cast).filter(s -> s.getString("id").equals(id)).findFirst()
                .orElseThrow();
    }

    private static JsonObject edge(JsonObject studio, String from, String to) {
        return studio.getJsonArray("edges").stream().map(JsonObject.class::cast)
                .filter(e -> e.getString("from").equals(from) && e.getString("to").equals(to)).findFirst().orElseThrow();
    }

    @Test
    void theMapShowsScenesOptionsPicksAndWhatIsRendered() throws Exception {
        JsonObject before = engine.get("/api/stories/doors/studio", null).bodyAsJsonObject();
        assertEquals("hall", before.getString("start"));
        assertEquals("missing", scene(before, "hall").getString("status"));
        assertEquals("unreached", scene(before, "attic").getString("status"));
        assertEquals("doors.story", scene(before, "right").getString("file"));
        assertEquals(12, scene(before, "right").getInteger("line"));
        assertEquals("Right", edge(before, "hall", "right").getString("label"));
        assertEquals(0, edge(before, "hall", "right").getInteger("picks"));
        JsonObject warning = before.getJsonArray("diagnostics").getJsonObject(0);
        assertEquals("BL0100", warning.getString("code"), "attic cannot be reached");
        assertEquals(200, engine.get("/api/stories/doors/source?file=" + warning.getString("file"), null).statusCode(), "a diagnostic's file can be opened");

        HttpResponse<Buffer> created = EngineOverHttp.await(client.post(port, "localhost", "/api/stories/doors/sessions").send());
        JsonObject session = created.bodyAsJsonObject();
        String auth = "Bearer " + session.getString("token");
        String id = session.getString("id");
        EngineOverHttp.await(client.post(port, "localhost", "/api/sessions/" + id + "/position").putHeader("Authorization", auth)
                .sendJsonObject(new JsonObject().put("ms", 1500)));
        assertEquals(200, EngineOverHttp.await(client.post(port, "localhost", "/api/sessions/" + id + "/choices").putHeader("Authorization", auth)
                .sendJsonObject(new JsonObject().put("option", 1))).statusCode());

        JsonObject after = null;
        for (int i = 0; i < 400; i++) {
            after = engine.get("/api/stories/doors/studio", null).bodyAsJsonObject();
            if ("rendered".equals(scene(after, "hall").getString("status")) && "rendered".equals(scene(after, "right").getString("status"))) {
                break;
            }
            Thread.sleep(50);
        }
        assertEquals("rendered", scene(after, "hall").getString("status"), after.encodePrettily());
        assertEquals("rendered", scene(after, "right").getString("status"), after.encodePrettily());
        assertEquals("this engine", scene(after, "hall").getString("renderedBy"));
        assertEquals(null, scene(after, "attic").getString("renderedBy"), "nothing rendered, nobody named");
        assertEquals(1, edge(after, "hall", "right").getInteger("picks"));
        assertEquals(1.0, edge(after, "hall", "right").getDouble("share"));
        assertEquals(0.0, edge(after, "hall", "left").getDouble("share"));
    }

    @Test
    void aStoryWithErrorsKeepsItsLastGoodMapMarkedStale() throws Exception {
        JsonObject good = engine.get("/api/stories/doors/studio", null).bodyAsJsonObject();
        assertEquals(null, good.getBoolean("stale"));
        assertEquals(new JsonArray().add("doors.story"), good.getJsonArray("files"));
        Files.writeString(dir.resolve("stories/doors/doors.story"), STORY.replace("-> END\n=== right", "-> nowhere\n=== right"));
        catalog.refresh();
        JsonObject broken = engine.get("/api/stories/doors/studio", null).bodyAsJsonObject();
        assertEquals(false, broken.getBoolean("ok"));
        assertEquals(true, broken.getBoolean("stale"), broken.encodePrettily());
        assertEquals(good.getString("compiledAt"), broken.getString("staleSince"));
        assertEquals(4, broken.getJsonArray("scenes").size(), "the last good map is still drawn");
        assertEquals("Doors", broken.getString("title"));
        assertTrue(broken.getInteger("errors") > 0);
    }

    @Test
    void picksAndTimerDefaultsAreCountedApartAndBothShown() throws Exception {
        JsonObject picker = EngineOverHttp.await(client.post(port, "localhost", "/api/stories/doors/sessions").send()).bodyAsJsonObject();
        EngineOverHttp.await(client.post(port, "localhost", "/api/sessions/" + picker.getString("id") + "/position")
                .putHeader("Authorization", "Bearer " + picker.getString("token")).sendJsonObject(new JsonObject().put("ms", 1500)));
        assertEquals(200, EngineOverHttp.await(client.post(port, "localhost", "/api/sessions/" + picker.getString("id") + "/choices")
                .putHeader("Authorization", "Bearer " + picker.getString("token")).sendJsonObject(new JsonObject().put("option", 1))).statusCode());
        // A viewer who lets the window run out: the timer takes the default, "Left".
        JsonObject idle = EngineOverHttp.await(client.post(port, "localhost", "/api/stories/doors/sessions").send()).bodyAsJsonObject();
        EngineOverHttp.await(client.post(port, "localhost", "/api/sessions/" + idle.getString("id") + "/position")
                .putHeader("Authorization", "Bearer " + idle.getString("token")).sendJsonObject(new JsonObject().put("ms", 4000)));
        JsonObject left = null;
        for (int i = 0; i < 200; i++) {
            left = edge(engine.get("/api/stories/doors/studio", null).bodyAsJsonObject(), "hall", "left");
            if (left.getInteger("timerDefaults") > 0) {
                break;
            }
            Thread.sleep(25);
        }
        assertEquals(1, left.getInteger("timerDefaults"), left.encode());
        assertEquals(0, left.getInteger("picks"), "the timer's default is no viewer's pick");
        assertEquals(0.5, left.getDouble("share"), "half the viewers went left");
        assertEquals(0.0, left.getDouble("pickShare"), "none of those who picked");
        JsonObject right = edge(engine.get("/api/stories/doors/studio", null).bodyAsJsonObject(), "hall", "right");
        assertEquals(1, right.getInteger("picks"));
        assertEquals(0, right.getInteger("timerDefaults"));
        assertEquals(1.0, right.getDouble("pickShare"));
        JsonObject stats = engine.get("/api/stories/doors/stats", null).bodyAsJsonObject();
        assertEquals(1, stats.getJsonObject("timerDefaults").getJsonObject("hall").getInteger("left"), stats.encode());
        assertEquals(null, stats.getJsonObject("choices").getJsonObject("hall").getInteger("left"), "not taught to the predictor");
    }

    @Test
    void sourceFilesOfTheStoryAndNothingElseCanBeRead() throws Exception {
        HttpResponse<Buffer> source = engine.get("/api/stories/doors/source?file=doors.story", null);
        assertEquals(200, source.statusCode());
        assertTrue(source.bodyAsString().contains("=== attic ==="));
        Files.writeString(dir.resolve("stories/secret.txt"), "no");
        assertEquals(404, engine.get("/api/stories/doors/source?file=../secret.txt", null).statusCode());
        assertEquals(404, engine.get("/api/stories/doors/source", null).statusCode());
        assertEquals(404, engine.get("/api/stories/nope/studio", null).statusCode());
    }

    @Test
    void theStudioHearsWhenTheStoryIsCompiledAgain() throws Exception {
        StringBuilder seen = new StringBuilder();
        Promise<Void> changed = Promise.promise();
        var http = vertx.createHttpClient();
        EngineOverHttp.await(http.request(HttpMethod.GET, port, "localhost", "/api/stories/doors/changes").compose(req -> req.send())
                .onSuccess(resp -> resp.handler(chunk -> {
                    synchronized (seen) {
                        seen.append(chunk);
                        if (seen.toString().contains("event: compiled") && !seen.toString().contains("event: changed")) {
                            try {
                                Thread.sleep(20);
                                Files.writeString(dir.resolve("stories/doors/doors.story"), STORY.replace("#ffffff", "#eeeeee") + "\n");
                                catalog.refresh();
                            } catch (Exception e) {
                                changed.tryFail(e);
                            }
                        }
                        if (seen.toString().contains("event: changed")) {
                            changed.tryComplete();
                        }
                    }
                })));
        EngineOverHttp.await(changed.future());
        assertTrue(seen.toString().startsWith("event: compiled\ndata: {\"compiledAt\":"), seen.toString());
    }

    @Test
    void aVisitARenderNodeMadeNamesTheNode() throws Exception {
        String key = scene(engine.get("/api/stories/doors/studio", null).bodyAsJsonObject(), "left").getString("key");
        // As RemoteRender stores a node's render once its files are verified (SceneTransfer).
        byte[] segment = {0, 0, 0, 8, 'm', 'o', 'o', 'f'};
        var info = new io.branchline.renderer.RenderedScene.SegmentInfo(0, io.branchline.renderer.SceneFiles.segmentName(0), 0, 30, 1000, true,
                segment.length);
        try (var writer = engine.store.writer(key).renderedBy("gpu-a")) {
            writer.init(new byte[] {0, 0, 0, 8, 'f', 't', 'y', 'p'});
            writer.segment(new io.branchline.renderer.encode.EncodedSegment(0, segment, 0, 30, true));
            writer.commit(new io.branchline.renderer.RenderedScene(key, java.util.List.of(info), "WEBVTT\n",
                    io.branchline.renderer.SceneFiles.playlist(java.util.List.of(info), io.branchline.renderer.SceneFiles.INIT), 30,
                    io.branchline.renderer.StageTimes.ZERO, 0));
        }
        JsonObject left = scene(engine.get("/api/stories/doors/studio", null).bodyAsJsonObject(), "left");
        assertEquals("rendered", left.getString("status"));
        assertEquals("gpu-a", left.getString("renderedBy"));
    }
}
