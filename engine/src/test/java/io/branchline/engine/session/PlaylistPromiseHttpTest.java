package io.branchline.engine.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.engine.EngineOverHttp;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A session watched the way any HLS player watches it (reloading the playlists, fetching what is
 * listed, reporting nothing) while the viewer makes a {@code cut} pick and goes back: every
 * version of both playlists only grows, and the stream carries on with the chosen scene.
 */
class PlaylistPromiseHttpTest {

    private static final String STORY = """
            title: Promise
            format: 240x426 30fps
            segment: 1s
            === hall ===
            shot 6s color "#d02020"
              caption "The hall"
            choice 5s default green cut
              * "Green" -> green
              * "Blue" -> blue
            === green ===
            shot 2s color "#20c040"
            -> END
            === blue ===
            shot 3s color "#2040e0"
              caption "Blue room"
            choice 3s default green
              * "On" -> green
              * "Again" -> hall
            """;

    @TempDir
    Path dir;
    private EngineOverHttp engine;

    @BeforeEach
    void start() throws Exception {
        engine = EngineOverHttp.start(dir, Map.of("promise", STORY));
    }

    @AfterEach
    void stop() throws Exception {
        engine.close();
    }

    /** The listed entries of a playlist: each EXTINF line with the URI after it, in order. */
    private static List<String> entries(String playlist) {
        List<String> out = new ArrayList<>();
        String[] lines = playlist.split("\n");
        for (int i = 0; i < lines.length - 1; i++) {
            if (lines[i].startsWith("#EXTINF:")) {
                out.add(lines[i] + " " + lines[i + 1]);
            }
        }
        return out;
    }

    private static String header(String playlist) {
        return playlist.lines().filter(l -> l.startsWith("#EXT-X-TARGETDURATION") || l.startsWith("#EXT-X-MAP")
                || l.startsWith("#EXT-X-MEDIA-SEQUENCE")).reduce("", (a, b) -> a + b + "\n");
    }

    /** Fails when {@code next} changed anything {@code before} listed. */
    private static void assertGrows(String before, String next) {
        assertEquals(header(before), header(next), "the header never changes");
        List<String> a = entries(before);
        List<String> b = entries(next);
        assertTrue(b.size() >= a.size() && b.subList(0, a.size()).equals(a), "a listed entry changed:\n" + before + "\n---\n" + next);
        if (before.contains("#EXT-X-ENDLIST")) {
            assertEquals(before, next);
        }
    }

    @Test
    void aCutPickAndABackOnlyEverAppendToBothPlaylists() throws Exception {
        HttpResponse<Buffer> made = engine.post("/api/stories/promise/sessions", null, null);
        assertEquals(201, made.statusCode(), made.bodyAsString());
        JsonObject created = made.bodyAsJsonObject();
        String id = created.getString("id");
        String token = created.getString("token");
        String index = "/sessions/" + id + "/index.m3u8";
        String captions = "/sessions/" + id + "/captions.m3u8";

        String first = engine.get(index, null).bodyAsString();
        assertTrue(first.contains("#EXT-X-START:TIME-OFFSET=0"), first);
        List<String> opening = entries(first);
        assertTrue(!opening.isEmpty() && opening.size() <= 2, "one or two segments (as many as are stored yet), so the live edge is "
                + "the beginning for every player: " + first);
        assertEquals("#EXTINF:1.00000, segments/0-0.m4s", opening.get(0));

        String lastIndex = first;
        String lastCaptions = engine.get(captions, null).bodyAsString();
        List<String> fetched = new ArrayList<>();
        boolean picked = false;
        boolean wentBack = false;
        long deadline = System.nanoTime() + 40_000_000_000L;
        while (!lastIndex.contains("#EXT-X-ENDLIST") && System.nanoTime() < deadline) {
            String nextIndex = engine.get(index, null).bodyAsString();
            String nextCaptions = engine.get(captions, null).bodyAsString();
            assertGrows(lastIndex, nextIndex);
            assertGrows(lastCaptions, nextCaptions);
            List<String> video = entries(nextIndex).stream().map(e -> e.replace("segments/", "").replace(".m4s", "")).toList();
            List<String> text = entries(nextCaptions).stream().map(e -> e.replace("captions/", "").replace(".vtt", "")).toList();
            assertEquals(video.subList(0, Math.min(video.size(), text.size())), text.subList(0, Math.min(video.size(), text.size())),
                    "the captions rendition lists what the video lists (read a moment apart, one may have grown)");
            lastIndex = nextIndex;
            lastCaptions = nextCaptions;
            for (String e : entries(nextIndex)) {
                String uri = e.substring(e.indexOf(' ') + 1);
                if (!fetched.contains(uri)) {
                    assertEquals(200, engine.get("/sessions/" + id + "/" + uri, null).statusCode(), uri);
                    fetched.add(uri);
                }
            }
            JsonObject view = engine.get("/api/sessions/" + id, token).bodyAsJsonObject();
            JsonObject choice = view.getJsonObject("choice");
            if (!picked && "hall".equals(view.getString("scene")) && choice != null && view.getLong("position") >= 1500) {
                HttpResponse<Buffer> r = engine.post("/api/sessions/" + id + "/choices", token, "{\"option\": 1}");
                assertEquals(200, r.statusCode(), r.bodyAsString());
                picked = true;
            } else if (picked && !wentBack && "blue".equals(view.getString("scene")) && choice != null
                    && view.getLong("position") >= choice.getLong("opens")) {
                HttpResponse<Buffer> r = engine.post("/api/sessions/" + id + "/back", token, null);
                assertEquals(200, r.statusCode(), r.bodyAsString());
                wentBack = true;
            }
            Thread.sleep(150);
        }
        assertTrue(lastIndex.contains("#EXT-X-ENDLIST"), lastIndex);
        assertTrue(picked && wentBack);
        JsonObject view = engine.get("/api/sessions/" + id, token).bodyAsJsonObject();
        List<String> scenes = view.getJsonArray("history").stream().map(v -> ((JsonObject) v).getString("scene")).toList();
        assertEquals(List.of("hall", "blue", "hall", "green"), scenes, "back to the hall, where the default was taken");
        long hallEnd = view.getJsonArray("history").getJsonObject(0).getLong("end");
        assertTrue(hallEnd < 6000, "the cut ended the hall early: " + hallEnd);
        long hallSegments = fetched.stream().filter(u -> u.startsWith("segments/0-")).count();
        assertEquals(hallEnd / 1000, hallSegments, "exactly the hall's segments up to the cut were listed: " + fetched);
        long blueEnd = view.getJsonArray("history").getJsonObject(1).getLong("end");
        assertEquals((blueEnd - hallEnd + 999) / 1000, fetched.stream().filter(u -> u.startsWith("segments/1-")).count(),
                "blue up to where back ended it: " + fetched);
        assertEquals(6, fetched.stream().filter(u -> u.startsWith("segments/2-")).count(), "the hall again, whole: " + fetched);
        assertEquals(2, fetched.stream().filter(u -> u.startsWith("segments/3-")).count(), "then green to the end: " + fetched);

        HttpResponse<Buffer> cue = engine.get("/sessions/" + id + "/captions/1-0.vtt", null);
        assertTrue(cue.bodyAsString().contains(vtt(hallEnd) + " --> " + vtt(hallEnd + 1000) + "\nBlue room"), cue.bodyAsString());
    }

    private static String vtt(long ms) {
        return io.branchline.renderer.SceneFiles.vttTime(ms);
    }

    @Test
    void headAndRangeAreAnsweredOnSessionSegmentsAndPages() throws Exception {
        JsonObject created = engine.post("/api/stories/promise/sessions", null, null).bodyAsJsonObject();
        String id = created.getString("id");
        engine.get("/sessions/" + id + "/index.m3u8", null);
        String path = "/sessions/" + id + "/segments/0-0.m4s";
        HttpResponse<Buffer> whole = engine.get(path, null);
        assertEquals(200, whole.statusCode());
        HttpResponse<Buffer> part = EngineOverHttp.await(engine.client.get(engine.port, "localhost", path).putHeader("Range", "bytes=4-11").send());
        assertEquals(206, part.statusCode());
        assertEquals("bytes 4-11/" + whole.body().length(), part.getHeader("Content-Range"));
        assertEquals("ftyp", part.body().getString(0, 4), "a signed segment starts with its type box");
        assertEquals(416, EngineOverHttp.await(engine.client.get(engine.port, "localhost", path).putHeader("Range", "bytes=99999999-").send())
                .statusCode());
        HttpResponse<Buffer> huge = EngineOverHttp.await(engine.client.get(engine.port, "localhost", path)
                .putHeader("Range", "bytes=123456789012345678901234-").send());
        assertEquals(200, huge.statusCode(), "a range that is no byte range is ignored: the whole segment");
        for (String p : List.of(path, "/sessions/" + id + "/index.m3u8", "/api/stories", "/openapi.yaml", "/")) {
            HttpResponse<Buffer> head = EngineOverHttp.await(engine.client.head(engine.port, "localhost", p).send());
            assertEquals(200, head.statusCode(), "HEAD " + p);
            assertTrue(head.body() == null || head.body().length() == 0, "no body for HEAD " + p);
        }
    }
}
