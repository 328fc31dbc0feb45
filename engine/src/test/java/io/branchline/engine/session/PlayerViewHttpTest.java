package io.branchline.engine.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.engine.EngineOverHttp;
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
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.bytedeco.javacpp.Loader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the web player reads from a session: the media set-up, each visit's key and stored
 * segments, the next visit of every option (so it can fetch them ahead), starting at a scene,
 * and captions left to the player instead of drawn into the frames.
 */
class PlayerViewHttpTest {

    private static final String STORY = """
            title: Doors
            format: 240x426 30fps
            segment: 1s
            === hall ===
            shot 2s color "#203040"
              caption "Two doors"
            choice 1s default left
              * "Left" -> left
              * "Right" -> right
            === left ===
            shot 1s color "#a02020"
            -> END
            === right ===
            shot 1s color "#20a020"
            -> END
            """;

    @TempDir
    Path dir;
    private EngineOverHttp engine;
    private Vertx vertx;
    private WebClient client;
    private int port;

    @BeforeEach
    void start() throws Exception {
        engine = EngineOverHttp.start(dir, Map.of("doors", STORY), 2, s -> s);
        vertx = engine.vertx; client = engine.client; port = engine.port;
    }

    @AfterEach
    void stop() throws Exception {
        engine.close();
    }


    /** The session's view once {@code until} holds (polled for up to 30 s). */
    private JsonObject viewWhen(String id, String token, Predicate<JsonObject> until) throws Exception {
        JsonObject view = null;
        for (int i = 0; i < 600; i++) {
            view = engine.get("/api/sessions/" + id, token).bodyAsJsonObject();
            if (until.test(view)) {
                return view;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the view never got there: " + view.encodePrettily());
    }

    private static boolean optionsReady(JsonObject view) {
        JsonObject choice = view.getJsonObject("choice");
        if (choice == null) {
            return false;
        }
        for (Object o : choice.getJsonArray("options")) {
            JsonObject next = ((JsonObject) o).getJsonObject("next");
            if (next == null || next.getInteger("ready") < next.getInteger("segments")) {
                return false;
            }
        }
        return true;
    }

    @Test
    void theViewTellsAPlayerWhatToFetchAndTheOptionsNextVisitsAreTheOnesPlayedAfterThePick() throws Exception {
        JsonObject created = engine.post("/api/stories/doors/sessions", null, null).bodyAsJsonObject();
        String id = created.getString("id");
        String token = created.getString("token");
        assertEquals("hall", created.getJsonObject("session").getString("scene"));

        JsonObject view = viewWhen(id, token, v -> v.getJsonObject("media").getString("init") != null
                && v.getJsonArray("history").getJsonObject(0).getInteger("ready") == 2 && optionsReady(v));
        JsonObject media = view.getJsonObject("media");
        assertTrue(media.getString("mime").matches("video/mp4; codecs=\"avc1\\.42[0-9A-F]{4}, mp4a\\.40\\.2\""), media.encode());
        assertEquals(240, media.getInteger("width"));
        assertEquals(1000, media.getInteger("segmentMs"));
        JsonObject first = view.getJsonArray("history").getJsonObject(0);
        assertEquals(2, first.getInteger("segments"));
        String key = first.getString("key");
        assertEquals("/segments/" + key + "/init.mp4", media.getString("init"));
        assertEquals(200, engine.get(media.getString("init"), null).statusCode());
        assertEquals(200, engine.get("/segments/" + key + "/seg-00001.m4s", null).statusCode());
        assertTrue(engine.get("/segments/" + key + "/captions.vtt", null).bodyAsString().contains("Two doors"));

        JsonArray options = view.getJsonObject("choice").getJsonArray("options");
        JsonObject right = options.getJsonObject(1).getJsonObject("next");
        assertEquals("right", right.getString("scene"));
        assertEquals(1, right.getInteger("segments"));
        assertTrue(options.getJsonObject(0).getBoolean("default"));
        assertTrue(!right.getString("key").equals(options.getJsonObject(0).getJsonObject("next").getString("key")));

        engine.post("/api/sessions/" + id + "/position", token, "{\"ms\": 1500}");
        JsonObject after = engine.post("/api/sessions/" + id + "/choices", token, "{\"option\": 1}").bodyAsJsonObject();
        JsonObject played = after.getJsonArray("history").getJsonObject(1);
        assertEquals("right", played.getString("scene"));
        assertEquals(2000, played.getLong("start"));
        assertEquals(right.getString("key"), played.getString("key"), "the fetched-ahead visit is the one that plays");
        assertEquals(1, played.getInteger("ready"));
    }

    @Test
    void captionsAreLeftToThePlayerSoTheFramesShowOnlyTheShot() throws Exception {
        JsonObject created = engine.post("/api/stories/doors/sessions", null, null).bodyAsJsonObject();
        JsonObject view = viewWhen(created.getString("id"), created.getString("token"),
                v -> v.getJsonArray("history").getJsonObject(0).getInteger("ready") == 2 && v.getJsonObject("media").getString("init") != null);
        String key = view.getJsonArray("history").getJsonObject(0).getString("key");
        Path mp4 = dir.resolve("first.mp4");
        Files.write(mp4, Buffer.buffer().appendBuffer(engine.get("/segments/" + key + "/init.mp4", null).body())
                .appendBuffer(engine.get("/segments/" + key + "/seg-00000.m4s", null).body()).getBytes());
        String ffmpeg = Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
        Path raw = dir.resolve("frame.rgb");
        ProcessBuilder pb = new ProcessBuilder(ffmpeg, "-v", "error", "-i", mp4.toString(), "-frames:v", "1", "-f", "rawvideo",
                "-pix_fmt", "rgb24", "-y", raw.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("ffmpeg.log").toFile());
        pb.environment().put("LD_LIBRARY_PATH", new File(ffmpeg).getParent());
        assertTrue(pb.start().waitFor(60, TimeUnit.SECONDS));
        byte[] rgb = Files.readAllBytes(raw);
        assertEquals(240 * 426 * 3, rgb.length, Files.readString(dir.resolve("ffmpeg.log")));
        int off = 0;
        for (int i = 0; i < rgb.length; i += 3) {
            int r = rgb[i] & 0xff;
            int g = rgb[i + 1] & 0xff;
            int b = rgb[i + 2] & 0xff;
            if (Math.abs(r - 0x20) > 12 || Math.abs(g - 0x30) > 12 || Math.abs(b - 0x40) > 12) {
                off++;
            }
        }
        assertEquals(0, off, "pixels that are not the shot's colour (a burned-in caption would be hundreds)");
    }

    @Test
    void aStoryHasAPosterOfItsFirstShot() throws Exception {
        HttpResponse<Buffer> r = engine.get("/api/stories/doors/poster.jpg", null);
        assertEquals(200, r.statusCode(), r.bodyAsString());
        assertEquals("image/jpeg", r.getHeader("Content-Type"));
        java.awt.image.BufferedImage poster = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(r.body().getBytes()));
        assertEquals(240, poster.getWidth());
        assertEquals(426, poster.getHeight());
        int rgb = poster.getRGB(120, 200);
        assertTrue(Math.abs(((rgb >> 16) & 0xff) - 0x20) < 8 && Math.abs((rgb & 0xff) - 0x40) < 8, Integer.toHexString(rgb));
        assertEquals(404, engine.get("/api/stories/nope/poster.jpg", null).statusCode());
    }

    @Test
    void pagesOnOtherSitesMayUseTheApiAndOnlyTheAllowedOnesWhenRestricted() throws Exception {
        HttpResponse<Buffer> list = EngineOverHttp.await(client.get(port, "localhost", "/api/stories").putHeader("Origin", "https://shop.example").send());
        assertEquals("*", list.getHeader("Access-Control-Allow-Origin"));
        HttpResponse<Buffer> preflight = EngineOverHttp.await(client.request(io.vertx.core.http.HttpMethod.OPTIONS, port, "localhost", "/api/sessions/x/choices")
                .putHeader("Origin", "https://shop.example").putHeader("Access-Control-Request-Method", "POST")
                .putHeader("Access-Control-Request-Headers", "authorization,content-type").send());
        assertTrue(preflight.statusCode() == 200 || preflight.statusCode() == 204, preflight.statusCode() + " " + preflight.bodyAsString());
        assertTrue(preflight.getHeader("Access-Control-Allow-Headers").toLowerCase().contains("authorization"));
        assertEquals(null, EngineOverHttp.await(client.get(port, "localhost", "/studio/doors").putHeader("Origin", "https://shop.example").send())
                .getHeader("Access-Control-Allow-Origin"), "the author's pages are not shared");

        StoryCatalog catalog = new StoryCatalog(dir.resolve("stories"));
        catalog.refresh();
        HttpVerticle restricted = new HttpVerticle(catalog, "localhost", 0).allowOrigins(java.util.List.of("https://shop.example"));
        EngineOverHttp.await(vertx.deployVerticle(restricted));
        HttpResponse<Buffer> allowed = EngineOverHttp.await(client.get(restricted.actualPort(), "localhost", "/api/stories")
                .putHeader("Origin", "https://shop.example").send());
        assertEquals("https://shop.example", allowed.getHeader("Access-Control-Allow-Origin"));
        HttpResponse<Buffer> other = EngineOverHttp.await(client.get(restricted.actualPort(), "localhost", "/api/stories")
                .putHeader("Origin", "https://elsewhere.example").send());
        assertTrue(other.getHeader("Access-Control-Allow-Origin") == null || other.statusCode() == 403, other.statusCode() + "");
    }

    @Test
    void thePagesAndThePlayerAreServedFromTheWebPlayerModule() throws Exception {
        HttpResponse<Buffer> index = engine.get("/", null);
        assertEquals("text/html; charset=utf-8", index.getHeader("Content-Type"));
        assertTrue(index.bodyAsString().contains("/pages/index.js"), index.bodyAsString());
        HttpResponse<Buffer> watch = engine.get("/watch/doors", null);
        assertTrue(watch.bodyAsString().contains("/pages/watch.js"), watch.bodyAsString());
        assertEquals("SAMEORIGIN", watch.getHeader("X-Frame-Options"));
        assertEquals(null, engine.get("/embed/doors", null).getHeader("X-Frame-Options"), "the embed page may sit in any site's frame");
        assertEquals(200, engine.get("/studio/doors", null).statusCode());
        HttpResponse<Buffer> player = engine.get("/player/branchline-player.js", null);
        assertTrue(player.getHeader("Content-Type").startsWith("text/javascript") || player.getHeader("Content-Type").startsWith("application/javascript"),
                player.getHeader("Content-Type"));
        assertTrue(player.bodyAsString().contains("customElements.define"));
        assertEquals(404, engine.get("/watch/no%20such", null).statusCode());
        assertEquals(404, engine.get("/player/../pom.xml", null).statusCode());
    }

    @Test
    void aSessionCanStartAtAScene() throws Exception {
        HttpResponse<Buffer> r = engine.post("/api/stories/doors/sessions", null, "{\"scene\": \"right\"}");
        assertEquals(201, r.statusCode(), r.bodyAsString());
        assertEquals("right", r.bodyAsJsonObject().getJsonObject("session").getString("scene"));
        HttpResponse<Buffer> unknown = engine.post("/api/stories/doors/sessions", null, "{\"scene\": \"cellar\"}");
        assertEquals(400, unknown.statusCode());
        assertTrue(unknown.bodyAsJsonObject().getString("detail").contains("no scene 'cellar'; expected one of hall, left, right"),
                unknown.bodyAsString());
        HttpResponse<Buffer> wrong = engine.post("/api/stories/doors/sessions", null, "{\"scene\": 3}");
        assertEquals(400, wrong.statusCode());
        HttpResponse<Buffer> field = engine.post("/api/stories/doors/sessions", null, "{\"start\": \"right\"}");
        assertEquals(400, field.statusCode());
        assertNotNull(field.bodyAsJsonObject().getString("detail"));
    }
}
