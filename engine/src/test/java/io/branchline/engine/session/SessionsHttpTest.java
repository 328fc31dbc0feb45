package io.branchline.engine.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.engine.EngineOverHttp;
import io.branchline.engine.http.HttpVerticle;
import io.branchline.engine.metrics.EngineMetrics;
import io.branchline.engine.render.RenderWorkerVerticle;
import io.branchline.engine.render.StoreRender;
import io.branchline.engine.stories.StoryCatalog;
import io.branchline.engine.store.SegmentStore;
import io.branchline.renderer.RenderTools;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.Loader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sessions over real HTTP: create, steer, the playlist and segments, bad requests, ffmpeg as a viewer, a restart. */
class SessionsHttpTest {

    private static final String STORY = """
            title: Doors
            format: 240x426 30fps
            segment: 1s
            var name = "nobody"
            === hall ===
            shot 4s color "#203040"
              caption "Two doors"
            choice 2s default left
              * "Left" -> left
              * "Right" -> right
            === left ===
            shot 2s title "Left"
            ask name "Your name?" 1s default "Ann" -> END
            === right ===
            shot 1s title "Right, {name}"
            -> END
            """;

    @TempDir
    Path dir;
    private EngineOverHttp engine;
    private Vertx vertx;
    private WebClient client;
    private int port;
    private HttpVerticle server;

    @BeforeEach
    void start() throws Exception {
        engine = EngineOverHttp.start(dir, Map.of("doors", STORY));
        aliases();
    }

    private void aliases() {
        vertx = engine.vertx;
        client = engine.client;
        port = engine.port;
        server = engine.server;
    }

    @AfterEach
    void stop() throws Exception {
        engine.close();
    }


    private JsonObject create() throws Exception {
        HttpResponse<Buffer> r = engine.post("/api/stories/doors/sessions", null, null);
        assertEquals(201, r.statusCode(), r.bodyAsString());
        return r.bodyAsJsonObject();
    }

    private String playlistWith(String id, String needle) throws Exception {
        return engine.playlistWith(id, needle);
    }

    @Test
    void aSessionIsCreatedSteeredAndStreamed() throws Exception {
        JsonObject created = create();
        String id = created.getString("id");
        String token = created.getString("token");
        assertEquals("/sessions/" + id + "/index.m3u8", created.getString("playlist"));

        assertEquals(401, engine.get("/api/sessions/" + id, null).statusCode());
        assertEquals(401, engine.get("/api/sessions/" + id, "wrong").statusCode());
        JsonObject view = engine.get("/api/sessions/" + id, token).bodyAsJsonObject();
        assertEquals("hall", view.getString("scene"));
        assertEquals(2000, view.getJsonObject("choice").getLong("opens"));
        assertEquals(4000, view.getJsonObject("choice").getLong("closes"));
        assertEquals("Left", view.getJsonObject("choice").getJsonArray("options").getJsonObject(0).getString("label"));

        String playlist = playlistWith(id, "segments/0-0.m4s");
        assertTrue(!playlist.contains("segments/0-1.m4s"), "one segment until the player fetched one: " + playlist);
        assertEquals(200, engine.get("/sessions/" + id + "/segments/0-0.m4s", null).statusCode());
        playlist = playlistWith(id, "segments/0-1.m4s");
        assertTrue(playlist.contains("#EXT-X-PLAYLIST-TYPE:EVENT") && playlist.contains("#EXT-X-MAP:URI=\"init.mp4\""), playlist);
        assertTrue(!playlist.contains("#EXT-X-ENDLIST"), "not ended yet");
        HttpResponse<Buffer> init = engine.get("/sessions/" + id + "/init.mp4", null);
        assertEquals(200, init.statusCode());
        assertEquals("ftyp", init.body().getString(4, 8));
        HttpResponse<Buffer> seg = engine.get("/sessions/" + id + "/segments/0-1.m4s", null);
        assertEquals(200, seg.statusCode());
        io.branchline.engine.Signed.assertSignedSegment(seg.body().getBytes(), "segment 0-1");

        JsonObject hls = engine.get("/api/sessions/" + id, token).bodyAsJsonObject().getJsonObject("choice");
        assertEquals(1250, hls.getLong("opens"), "for a player that reads the playlist, decisions come three quarters of a segment early");
        assertEquals(3250, hls.getLong("closes"));
        assertEquals(204, engine.post("/api/sessions/" + id + "/position", token, "{\"ms\": 2500}").statusCode());
        assertEquals(4000, engine.get("/api/sessions/" + id, token).bodyAsJsonObject().getJsonObject("choice").getLong("closes"),
                "a player that reports its position gets the story's window");
        HttpResponse<Buffer> picked = engine.post("/api/sessions/" + id + "/choices", token, "{\"option\": 1}");
        assertEquals(200, picked.statusCode(), picked.bodyAsString());
        String after = playlistWith(id, "segments/1-0.m4s");
        assertTrue(after.contains("#EXT-X-ENDLIST"), "right ends the story: " + after);
        assertEquals("right", engine.get("/api/sessions/" + id, token).bodyAsJsonObject().getJsonArray("history").getJsonObject(1).getString("scene"));

        // Renders are counted when they finish: on a busy machine the doors rendered ahead may still be
        // rendering, and the hall may give way to the door picked, if that door is needed before the hall's next segment.
        String metrics = engine.get("/metrics", null).bodyAsString();
        for (int i = 0; i < 300 && !(metrics.contains("branchline_renders_total{reason=\"speculative\"")
                && metrics.contains("branchline_renders_total{reason=\"on-demand\"")); i++) {
            Thread.sleep(50);
            metrics = engine.get("/metrics", null).bodyAsString();
        }
        assertTrue(metrics.contains("branchline_sessions_live 1.0"), metrics);
        assertTrue(metrics.contains("branchline_renders_total{reason=\"on-demand\",reused=\"false\",tier=\"full\"} 1.0"), metrics);
        assertTrue(metrics.contains("branchline_renders_total{reason=\"speculative\""), "both doors were rendered ahead: " + metrics);
        assertTrue(metrics.contains("branchline_segments_served_total 2.0"), metrics);
        assertTrue(metrics.contains("branchline_render_queue"), metrics);
    }

    @Test
    void theOptionsOfAnOpenChoiceAreRenderedAheadAndPicksAreCounted() throws Exception {
        JsonObject created = create();
        long scenes = 0;
        for (int i = 0; i < 200 && scenes < 3; i++) {
            try (var list = Files.list(dir.resolve("store/scenes"))) {
                scenes = list.count();
            }
            Thread.sleep(50);
        }
        assertEquals(3, scenes, "hall, and both doors before anyone picked (equal weights: each is half the viewers)");
        String id = created.getString("id");
        engine.post("/api/sessions/" + id + "/position", created.getString("token"), "{\"ms\": 2500}");
        engine.post("/api/sessions/" + id + "/choices", created.getString("token"), "{\"option\": 1}");
        JsonObject stats = engine.get("/api/stories/doors/stats", null).bodyAsJsonObject();
        assertEquals(1, stats.getJsonObject("choices").getJsonObject("hall").getInteger("right"), stats.encode());
    }

    @Test
    void everyRouteIsInTheApiDescription() throws Exception {
        String openapi = engine.get("/openapi.yaml", null).bodyAsString();
        int checked = 0;
        for (String path : server.paths()) {
            if (path.endsWith("/") || path.endsWith("*") || path.equals("/openapi.yaml")) {
                continue;
            }
            String documented = path.replaceAll(":([a-z]+)", "{$1}").replace("{name}", "{segment}");
            if (path.startsWith("/segments/")) {
                documented = "/segments/{key}/{file}";
            }
            assertTrue(openapi.contains("  " + documented + ":"), "openapi.yaml documents " + documented);
            checked++;
        }
        assertTrue(checked >= 15, "every route was looked at: " + server.paths());
    }

    @Test
    void badRequestsGetTheRightStatusAndAMessage() throws Exception {
        assertEquals(404, engine.post("/api/stories/nope/sessions", null, null).statusCode());
        JsonObject created = create();
        String id = created.getString("id");
        String token = created.getString("token");
        String choices = "/api/sessions/" + id + "/choices";
        assertProblem(engine.post(choices, token, "{\"option\": \"one\"}"), 400, "whole number");
        assertProblem(engine.post(choices, token, "{\"option\": 0, \"extra\": 1}"), 400, "'extra' is not a field");
        assertProblem(engine.post(choices, token, "{not json"), 400, "not a JSON object");
        assertProblem(engine.post(choices, token, "{\"option\": 0, \"pad\": \"" + "x".repeat(20_000) + "\"}"), 413, "16 kB");
        assertProblem(engine.post("/api/sessions/" + id + "/answers", token, "{\"text\": \"Mara\"}"), 409, "offers a choice");
        assertProblem(engine.post(choices, token, "{\"option\": 0}"), 409, "open at 2.0s");
        assertProblem(engine.post("/api/sessions/" + id + "/position", token, "{\"ms\": -5}"), 400, "0 or more");
        assertEquals(204, engine.post("/api/sessions/" + id + "/position", token, "{\"ms\": 2200}").statusCode());
        assertEquals(200, engine.post(choices, token, "{\"option\": 0}").statusCode(), "at 2.2 s the window is open");
        assertProblem(engine.get("/api/sessions/missing", token), 404, "no session");
        assertProblem(engine.get("/sessions/" + id + "/segments/../../etc", null), 404, "");
        int status = 0;
        for (int i = 0; i < 100 && status != 429; i++) {
            status = engine.post("/api/stories/doors/sessions", null, null).statusCode();
        }
        assertEquals(429, status, "one address cannot start sessions without end");
    }

    private static void assertProblem(HttpResponse<Buffer> r, int status, String words) {
        assertEquals(status, r.statusCode(), r.bodyAsString());
        assertEquals("application/problem+json", r.getHeader("Content-Type"));
        assertTrue(r.bodyAsJsonObject().getString("detail").contains(words), r.bodyAsString());
    }

    @Test
    void ffmpegWatchesASessionFromItsStartAcrossAChoiceToTheEndAtTheSpeedOfPlay() throws Exception {
        JsonObject created = create();
        String id = created.getString("id");
        String ffmpeg = Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
        // Default options: ffmpeg starts a live playlist three segments from its end, so this
        // checks that the playlist's live edge is its beginning.
        ProcessBuilder pb = new ProcessBuilder(ffmpeg, "-v", "warning", "-i", "http://localhost:" + port + "/sessions/" + id + "/index.m3u8",
                "-map", "0:v", "-f", "framemd5", "-");
        pb.environment().put("LD_LIBRARY_PATH", new File(ffmpeg).getParent());
        Path out = dir.resolve("ffmpeg.out");
        Path err = dir.resolve("ffmpeg.err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        long started = System.nanoTime();
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "ffmpeg finished: " + Files.readString(err));
        long wallMs = (System.nanoTime() - started) / 1_000_000;
        String log = Files.readString(err, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), log);
        assertTrue(log.lines().noneMatch(l -> l.contains("rror")), log);
        JsonObject view = engine.get("/api/sessions/" + id, created.getString("token")).bodyAsJsonObject();
        assertTrue(view.getBoolean("ended"), view.encode());
        assertEquals("left", view.getJsonArray("history").getJsonObject(1).getString("scene"), "the default was taken for a viewer who never picked");
        long frames = Files.readAllLines(out).stream().filter(l -> !l.startsWith("#")).count();
        assertEquals(6 * 30, frames, "every frame from the first: the hall (4 s) and the left door (2 s)");
        // Segments are listed at most two ahead of where the player can be, so ffmpeg, which
        // reads as fast as it can, is held to the speed of play: it cannot finish in less than
        // the session's length less that horizon.
        assertTrue(wallMs >= 6000 - 2000 - 100, "ffmpeg took " + wallMs + " ms for 6 s of media");
    }

    @Test
    void aPausedPlayerKeepsItsChoiceAndAnswersAndBackWork() throws Exception {
        JsonObject created = create();
        String id = created.getString("id");
        String token = created.getString("token");
        assertEquals(204, engine.post("/api/sessions/" + id + "/position", token, "{\"ms\": 2500, \"paused\": true}").statusCode());
        Thread.sleep(800);
        JsonObject view = engine.get("/api/sessions/" + id, token).bodyAsJsonObject();
        assertEquals(2500, view.getLong("position"), "the clock stands still while paused");
        assertTrue(view.containsKey("choice"), view.encode());
        assertEquals(200, engine.post("/api/sessions/" + id + "/choices", token, "{\"option\": 0}").statusCode());
        engine.post("/api/sessions/" + id + "/position", token, "{\"ms\": 5500, \"paused\": true}");
        assertProblem(engine.post("/api/sessions/" + id + "/answers", token, "{\"text\": \"   \"}"), 400, "empty");
        assertProblem(engine.post("/api/sessions/" + id + "/answers", token, "{\"text\": 7}"), 400, "string");
        HttpResponse<Buffer> answered = engine.post("/api/sessions/" + id + "/answers", token, "{\"text\": \" Mara \"}");
        assertEquals(200, answered.statusCode(), answered.bodyAsString());
        assertTrue(answered.bodyAsJsonObject().getBoolean("ended"));
        HttpResponse<Buffer> back = engine.post("/api/sessions/" + id + "/back", token, null);
        assertEquals(200, back.statusCode(), back.bodyAsString());
        JsonObject after = back.bodyAsJsonObject();
        assertEquals("hall", after.getString("scene"), "back to the choice in the hall");
        assertEquals(3, after.getJsonArray("history").size());
        assertTrue(!after.getBoolean("ended"));
    }

    @Test
    void eventsStreamAsServerSentEvents() throws Exception {
        JsonObject created = create();
        String id = created.getString("id");
        StringBuilder seen = new StringBuilder();
        java.util.concurrent.CompletableFuture<Void> closed = new java.util.concurrent.CompletableFuture<>();
        // The JDK's client hands the stream over as an InputStream read on a thread of the test's:
        // no byte can arrive before someone listens.
        var jdk = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        var response = jdk.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/api/sessions/" + id
                + "/events?token=" + created.getString("token"))).build(), java.net.http.HttpResponse.BodyHandlers.ofInputStream());
        assertEquals("text/event-stream", response.headers().firstValue("Content-Type").orElse(""));
        Thread reader = new Thread(() -> {
            try (var in = response.body()) {
                byte[] buffer = new byte[4096];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    synchronized (seen) {
                        seen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                        if (seen.toString().contains("event: choice-closed")) {
                            closed.complete(null);
                            return;
                        }
                    }
                }
            } catch (java.io.IOException e) {
                closed.completeExceptionally(e);
            }
        });
        reader.start();
        var http = vertx.createHttpClient();
        engine.post("/api/sessions/" + id + "/position", created.getString("token"), "{\"ms\": 2500}");
        assertEquals(200, engine.post("/api/sessions/" + id + "/choices", created.getString("token"), "{\"option\": 1}").statusCode());
        closed.get(20, TimeUnit.SECONDS);
        String events;
        synchronized (seen) {
            events = seen.toString();
        }
        assertTrue(events.startsWith("event: state\ndata: {"), events);
        assertTrue(events.contains("event: choice-closed\ndata: {\"scene\":\"hall\",\"at\":4000,\"detail\":[\"Right\"]}"), events);
        assertEquals(401, EngineOverHttp.await(http.request(io.vertx.core.http.HttpMethod.GET, port, "localhost", "/api/sessions/" + id + "/events?token=bad")
                .compose(req -> req.send())).statusCode());
    }

    @Test
    void aCaptionsRenditionCarriesTheCaptionsOnTheSessionsTimeline() throws Exception {
        JsonObject created = create();
        String id = created.getString("id");
        assertEquals("/sessions/" + id + "/main.m3u8", created.getString("multivariant"));
        playlistWith(id, "segments/0-0.m4s");
        engine.get("/sessions/" + id + "/segments/0-0.m4s", null);
        playlistWith(id, "segments/0-1.m4s");
        String main = engine.get("/sessions/" + id + "/main.m3u8", null).bodyAsString();
        assertTrue(main.contains("#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID=\"captions\"") && main.contains("URI=\"captions.m3u8\"")
                && main.contains("RESOLUTION=240x426") && main.endsWith("SUBTITLES=\"captions\"\nindex.m3u8\n"), main);
        assertTrue(main.matches("(?s).*BANDWIDTH=\\d+,AVERAGE-BANDWIDTH=\\d+,RESOLUTION=240x426,FRAME-RATE=30\\.000,"
                + "CODECS=\"avc1\\.[0-9A-F]{6}, mp4a\\.40\\.2\",SUBTITLES.*"), main);
        String captions = engine.get("/sessions/" + id + "/captions.m3u8", null).bodyAsString();
        assertTrue(captions.contains("#EXTINF:1.00000,\ncaptions/0-0.vtt\n#EXTINF:1.00000,\ncaptions/0-1.vtt\n"), captions);
        assertTrue(captions.contains("#EXT-X-TARGETDURATION:1\n"), captions);
        HttpResponse<Buffer> second = engine.get("/sessions/" + id + "/captions/0-1.vtt", null);
        assertEquals("text/vtt; charset=utf-8", second.getHeader("Content-Type"));
        assertTrue(second.bodyAsString().contains("00:00:01.000 --> 00:00:02.000\nTwo doors\n"), second.bodyAsString());
        HttpResponse<Buffer> first = engine.get("/sessions/" + id + "/captions/0.vtt", null);
        assertTrue(first.bodyAsString().contains("00:00:00.000 --> 00:00:04.000\nTwo doors\n"), first.bodyAsString());
        assertEquals(404, engine.get("/sessions/" + id + "/captions/0-3.vtt", null).statusCode(), "not listed yet");
        assertEquals(404, engine.get("/sessions/" + id + "/captions/7.vtt", null).statusCode());
        assertEquals(404, engine.get("/sessions/" + id + "/captions/x.vtt", null).statusCode());
    }

    @Test
    void storedSegmentsAreImmutableWithETagsAndRanges() throws Exception {
        JsonObject created = create();
        playlistWith(created.getString("id"), "segments/0-0.m4s");
        String key = null;
        for (int i = 0; i < 200 && key == null; i++) {
            try (var keys = Files.list(dir.resolve("store/scenes"))) {
                key = keys.map(p -> p.getFileName().toString()).filter(k -> k.matches("[0-9a-f]{64}")).findFirst().orElse(null);
            }
            Thread.sleep(50);
        }
        assertTrue(key != null, "the hall is stored whole");
        String path = "/segments/" + key + "/seg-00000.m4s";
        HttpResponse<Buffer> whole = engine.get(path, null);
        assertEquals(200, whole.statusCode());
        assertTrue(whole.getHeader("Cache-Control").contains("immutable"));
        String etag = whole.getHeader("ETag");
        assertTrue(etag.matches("\"[0-9a-f]{64}\""), etag);
        assertEquals(304, EngineOverHttp.await(client.get(port, "localhost", path).putHeader("If-None-Match", etag).send()).statusCode());
        HttpResponse<Buffer> part = EngineOverHttp.await(client.get(port, "localhost", path).putHeader("Range", "bytes=8-107").send());
        assertEquals(206, part.statusCode());
        assertEquals("bytes 8-107/" + whole.body().length(), part.getHeader("Content-Range"));
        assertEquals(whole.body().getBuffer(8, 108), part.body());
        assertEquals(416, EngineOverHttp.await(client.get(port, "localhost", path).putHeader("Range", "bytes=999999-").send()).statusCode());
        assertProblem(engine.get("/segments/" + key + "/secret.txt", null), 404, "expected /segments/KEY/NAME");
        assertProblem(engine.get("/segments/" + "0".repeat(64) + "/seg-00000.m4s", null), 404, "not stored");
    }

    @Test
    void sessionsSurviveARestart() throws Exception {
        JsonObject created = create();
        String id = created.getString("id");
        String token = created.getString("token");
        playlistWith(id, "segments/0-0.m4s");
        engine.restart();
        aliases();
        JsonObject view = engine.get("/api/sessions/" + id, token).bodyAsJsonObject();
        assertEquals("hall", view.getString("scene"), view.encode());
        playlistWith(id, "segments/0-0.m4s");
    }
}
