package io.branchline.engine.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.engine.EngineOverHttp;
import io.branchline.engine.store.SceneWriter;
import io.branchline.engine.store.StoreOptions;
import io.branchline.renderer.ContentKey;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The segment store under a failing disk, met as a viewer meets it, over HTTP: damaged and
 * missing files are quarantined and rendered again while the viewer is told to retry (never 404),
 * the bytes served afterwards are the manifest's; a disk that fails to answer, fills up or turns
 * read-only gets 503 or a clear error and loses nothing, and renders work once it recovers.
 */
@Tag("fault")
class StoreFaultTest {

    private static final String STORY = """
            title: Faults
            format: 144x256 12fps
            segment: 1s
            === hall ===
            shot 3s color "#203040"
              caption "A hall"
            -> END
            """;

    @TempDir
    Path dir;
    final FaultyDisk disk = new FaultyDisk();
    final TestClock clock = new TestClock();
    EngineOverHttp engine;

    @BeforeEach
    void start() throws Exception {
        engine = EngineOverHttp.start(dir, Map.of("hall", STORY), StoreOptions.DEFAULTS.withFiles(disk).withClock(clock));
    }

    @AfterEach
    void stop() throws Exception {
        engine.close();
    }

    @Test
    void aSegmentChangedInPlaceWithItsSizeAndTimeKeptIsFoundAfterTheRecheckWindowAndRenderedAgain() throws Exception {
        Session s = watched();
        Path file = s.file("seg-00001.m4s");
        FileTime time = Files.getLastModifiedTime(file);
        byte[] spoiled = Files.readAllBytes(file);
        spoiled[spoiled.length / 2] ^= 0x5a;
        Files.write(file, spoiled);
        Files.setLastModifiedTime(file, time);

        // Within the window the store trusts size, time and inode: the trade-off its Javadoc states.
        assertEquals(200, get("/segments/" + s.key + "/seg-00001.m4s").statusCode());
        clock.advance(Duration.ofSeconds(61));
        assertHealed(s, "/sessions/" + s.id + "/segments/0-1.m4s", "seg-00001.m4s");
    }

    @Test
    void aTruncatedSegmentIsFoundAtItsNextReadAndRenderedAgain() throws Exception {
        Session s = watched();
        Path file = s.file("seg-00002.m4s");
        Files.write(file, java.util.Arrays.copyOf(Files.readAllBytes(file), 100));
        assertHealed(s, "/segments/" + s.key + "/seg-00002.m4s", "seg-00002.m4s");
    }

    @Test
    void aDeletedInitSegmentIsRenderedAgain() throws Exception {
        Session s = watched();
        Files.delete(s.file("init.mp4"));
        assertHealed(s, "/sessions/" + s.id + "/init.mp4", "init.mp4");
    }

    @Test
    void aVisitRenderedBeforeARestartIsRenderedAgainAfterIt() throws Exception {
        Session s = watched();
        engine.restart(); // the render side starts afresh: what to render for the key is read from disk
        Files.delete(s.file("seg-00000.m4s"));
        assertHealed(s, "/sessions/" + s.id + "/segments/0-0.m4s", "seg-00000.m4s");
    }

    @Test
    void tooManyOpenFilesOrNoPermissionIsA503AndDeletesNothing() throws Exception {
        Session s = watched();
        for (Runnable fault : List.<Runnable>of(() -> disk.failReads("Too many open files"),
                () -> disk.failReads(path -> new AccessDeniedException(path.toString())))) {
            fault.run();
            for (String path : List.of("/segments/" + s.key + "/seg-00000.m4s", "/sessions/" + s.id + "/segments/0-1.m4s",
                    "/sessions/" + s.id + "/init.mp4")) {
                HttpResponse<Buffer> r = get(path);
                assertEquals(503, r.statusCode(), path + ": " + r.bodyAsString());
                assertNotNull(r.getHeader("Retry-After"), path);
            }
            assertEquals(s.files, snapshot(s.folder), "every file of the visit is still there, unchanged");
            assertEquals(0, engine.store.quarantines());
            assertTrue(engine.store.scene(s.key).isPresent());
            disk.heal();
            assertServedAsRecorded(s);
        }
        assertEquals(List.of(), list(dir.resolve("store/quarantine")));
    }

    @Test
    void aFullOrReadOnlyDiskFailsRendersClearlyKeepsNothingAndRendersOnceItRecovers() throws Exception {
        String key = ContentKey.sha256("never stored");
        disk.spaceLeft(10);
        UncheckedIOException full = assertThrows(UncheckedIOException.class, () -> {
            try (SceneWriter writer = engine.store.writer(key)) {
                writer.init(new byte[100]);
            }
        });
        assertTrue(full.getMessage().contains("No space left on device"), full.getMessage());
        disk.readOnly();
        UncheckedIOException readOnly = assertThrows(UncheckedIOException.class, () -> {
            try (SceneWriter writer = engine.store.writer(key)) {
                writer.init(new byte[100]);
            }
        });
        assertTrue(readOnly.getMessage().contains("Read-only file system"), readOnly.getMessage());
        assertEquals(List.of(), list(dir.resolve("store/staging")), "no torn file, no abandoned render");

        // A viewer arrives while the disk is full: the render fails, is asked again, and succeeds once there is room.
        disk.heal();
        disk.spaceLeft(1000);
        JsonObject created = create();
        awaitTrue(() -> disk.failedWrites.get() >= 3, "the render met the full disk");
        assertEquals(List.of(), list(dir.resolve("store/scenes")), "no visit is stored half");
        disk.heal();
        Session s = stored(created);
        assertServedAsRecorded(s);
    }

    // ---- helpers ----

    /** A session and its first visit, stored whole, with each file's recorded SHA-256 and bytes. */
    record Session(String id, String token, String key, Path folder, Map<String, String> sha256, Map<String, String> files) {
        Path file(String name) {
            return folder.resolve(name);
        }
    }

    private JsonObject create() throws Exception {
        HttpResponse<Buffer> r = engine.post("/api/stories/hall/sessions", null, null);
        assertEquals(201, r.statusCode(), r.bodyAsString());
        return r.bodyAsJsonObject();
    }

    /** A new session whose first visit is stored and whose segments were all fetched once. */
    private Session watched() throws Exception {
        Session s = stored(create());
        assertServedAsRecorded(s);
        return s;
    }

    private Session stored(JsonObject created) throws Exception {
        String id = created.getString("id");
        String token = created.getString("token");
        JsonObject[] visit = new JsonObject[1];
        awaitTrue(() -> {
            JsonObject v = engine.get("/api/sessions/" + id, token).bodyAsJsonObject().getJsonArray("history").getJsonObject(0);
            visit[0] = v;
            return v.getInteger("ready") == v.getInteger("segments") && v.getString("key") != null;
        }, "the first visit is stored");
        String key = visit[0].getString("key");
        Path folder = dir.resolve("store/scenes").resolve(key);
        awaitTrue(() -> engine.store.scene(key).isPresent(), "the visit is committed");
        Map<String, String> sha = new HashMap<>();
        JsonArray files = new JsonObject(Files.readString(folder.resolve("scene.json"))).getJsonArray("files");
        for (int i = 0; i < files.size(); i++) {
            sha.put(files.getJsonObject(i).getString("name"), files.getJsonObject(i).getString("sha256"));
        }
        assertEquals(3, visit[0].getInteger("segments"));
        return new Session(id, token, key, folder, sha, snapshot(folder));
    }

    /** Every file of the visit, over /segments and the session's own paths, is the manifest's bytes. */
    private void assertServedAsRecorded(Session s) throws Exception {
        for (Map.Entry<String, String> f : s.sha256.entrySet()) {
            HttpResponse<Buffer> r = get("/segments/" + s.key + "/" + f.getKey());
            assertEquals(200, r.statusCode(), f.getKey() + ": " + r.bodyAsString());
            assertEquals(f.getValue(), ContentKey.sha256(r.body().getBytes()), f.getKey());
            assertEquals('"' + f.getValue() + '"', r.getHeader("ETag"), f.getKey());
        }
        for (int i = 0; i < 3; i++) {
            HttpResponse<Buffer> seg = get("/sessions/" + s.id + "/segments/0-" + i + ".m4s");
            assertEquals(200, seg.statusCode(), seg.bodyAsString());
            io.branchline.engine.Signed.assertSignedSegment(seg.body().getBytes(), "the session's segment " + i);
        }
        assertEquals(200, get("/sessions/" + s.id + "/init.mp4").statusCode());
    }

    /**
     * Reads {@code path} until it is served again: the read that finds the damage quarantines the
     * visit, and until the render is done every answer is 503 with Retry-After, never 404 or 500.
     * Then the visit is back, byte for byte (the render is deterministic), and the damaged copy is
     * in quarantine/ with a note naming the file.
     */
    private void assertHealed(Session s, String path, String damaged) throws Exception {
        HttpResponse<Buffer> first = get(path);
        assertEquals(503, first.statusCode(), "the read that finds the damage: " + first.bodyAsString());
        assertNotNull(first.getHeader("Retry-After"));
        assertEquals(1, engine.store.quarantines());
        awaitTrue(() -> {
            HttpResponse<Buffer> r = get(path);
            assertTrue(r.statusCode() == 200 || r.statusCode() == 503 && r.getHeader("Retry-After") != null,
                    path + " while the visit is rendered again: " + r.statusCode() + " " + r.bodyAsString());
            return r.statusCode() == 200;
        }, "the visit is rendered again");
        awaitTrue(() -> engine.store.scene(s.key).isPresent(), "the render is committed");
        assertEquals(s.files, snapshot(s.folder), "the visit is rendered again byte for byte");
        assertServedAsRecorded(s);
        List<Path> kept = list(dir.resolve("store/quarantine"));
        assertEquals(1, kept.size(), "the damaged copy is kept for inspection");
        assertTrue(Files.readString(kept.get(0).resolve("QUARANTINED.txt")).contains(damaged));
    }

    private HttpResponse<Buffer> get(String path) throws Exception {
        return engine.get(path, null);
    }

    /** Each file of a folder by name, as the SHA-256 of its bytes. */
    private static Map<String, String> snapshot(Path folder) throws Exception {
        Map<String, String> files = new java.util.TreeMap<>();
        for (Path p : list(folder)) {
            files.put(p.getFileName().toString(), ContentKey.sha256(Files.readAllBytes(p)));
        }
        return files;
    }

    private static List<Path> list(Path folder) throws Exception {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.sorted().toList();
        }
    }

    interface Check {
        boolean holds() throws Exception;
    }

    private static void awaitTrue(Check check, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!check.holds()) {
            assertFalse(System.nanoTime() > deadline, "waited 30 s for: " + what);
            Thread.sleep(20);
        }
    }
}
