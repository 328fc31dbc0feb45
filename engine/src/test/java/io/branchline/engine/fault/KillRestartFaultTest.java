package io.branchline.engine.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.branchline.engine.ChildProcess;
import io.branchline.renderer.ContentKey;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code branchline serve} killed with SIGKILL at random moments (a seeded RNG) while viewers
 * create, answer, pick and fetch, so that kills land in renders, commits and session saves, then
 * started again on the same data folder, {@link #KILLS} times. After every restart: each session
 * whose create was answered 201 before a kill is there (200 with its token), each stored visit's
 * files are served as their manifest records them, and a session's segments decode. At the end a
 * SIGTERM stops it with 0.
 */
@Tag("fault")
@SuppressWarnings("try")   // close() may be interrupted; resources held for their scope only
class KillRestartFaultTest {

    static final int KILLS = 20;
    static final long SEED = 20261211L;
    /** Each viewer's answer is a new name in a burned-in title: a new visit to render, so renders keep happening. */
    private static final String STORY = """
            title: Killed
            format: 144x256 12fps
            segment: 1s
            var name = "nobody"
            === hall ===
            shot 1s color "#203040"
            ask name "Your name?" 2s default "Ann" -> greet
            === greet ===
            shot 2s title "Hello, {name}"
            choice 1s default left
              * "Left" -> left
              * "Right" -> right
            === left ===
            shot 2s title "Left, {name}"
            -> END
            === right ===
            shot 1s color "#402030"
            -> END
            """;

    record Created(String id, String token) {
    }

    @TempDir
    Path dir;

    @Test
    void everySessionCreatedBeforeAKillIsRestoredAndEveryServedSegmentIsWhole() throws Exception {
        Path stories = Files.createDirectories(dir.resolve("stories/killed"));
        Files.writeString(stories.resolve("killed.story"), STORY);
        Path data = dir.resolve("data");
        Path log = dir.resolve("serve.log");
        Files.createFile(log);
        Random random = new Random(SEED);
        List<Created> created = Collections.synchronizedList(new ArrayList<>());
        for (int round = 0; round <= KILLS; round++) {
            long t0 = System.nanoTime();
            try (ChildProcess serve = ChildProcess.serve(dir.resolve("stories"), data, log)) {
                long t1 = System.nanoTime();
                try {
                    assertRestored(serve, created, round);
                    System.out.printf("round %d: serve listened after %d ms, %d sessions checked in %d ms%n", round, (t1 - t0) / 1_000_000,
                            created.size(), (System.nanoTime() - t1) / 1_000_000);
                } catch (Exception | AssertionError e) {
                    throw new AssertionError("round " + round + ": " + e + "\n--- serve's log ---\n" + serve.tail(), e);
                }
                if (round == KILLS) {
                    serve.process.destroy(); // SIGTERM
                    assertTrue(serve.process.waitFor(30, TimeUnit.SECONDS), "still running 30 s after SIGTERM");
                    assertEquals(0, serve.process.exitValue(), "exit status after SIGTERM\n" + Files.readString(log));
                    break;
                }
                long seed = random.nextLong();
                Thread viewers = new Thread(() -> watch(serve, created, new Random(seed)), "viewers-" + round);
                viewers.start();
                Thread.sleep(150 + random.nextInt(900));
                serve.kill();
                viewers.join(10_000);
            }
        }
    }

    /** Viewers: each creates a session (kept once answered 201), answers, picks, fetches, until the server dies. */
    private static void watch(ChildProcess serve, List<Created> created, Random random) {
        try {
            while (true) {
                HttpResponse<String> r = serve.post("/api/stories/killed/sessions", null, null);
                if (r.statusCode() != 201) {
                    continue;
                }
                JsonObject body = new JsonObject(r.body());
                Created c = new Created(body.getString("id"), body.getString("token"));
                created.add(c);
                serve.post("/api/sessions/" + c.id + "/position", c.token, "{\"ms\": 1500}");
                serve.post("/api/sessions/" + c.id + "/answers", c.token, "{\"text\": \"v" + random.nextInt(1_000_000) + "\"}");
                serve.get("/sessions/" + c.id + "/index.m3u8", null);
                serve.get("/sessions/" + c.id + "/segments/0-0.m4s", null);
                serve.post("/api/sessions/" + c.id + "/position", c.token, "{\"ms\": 3500}");
                serve.post("/api/sessions/" + c.id + "/choices", c.token, "{\"option\": " + random.nextInt(2) + "}");
            }
        } catch (Exception e) {
            // The server was killed under a request: expected, the viewers stop.
        }
    }

    /** Every session created so far answers 200, every stored file is its manifest's bytes, the newest sessions' segments decode. */
    private void assertRestored(ChildProcess serve, List<Created> created, int round) throws Exception {
        List<Created> all = List.copyOf(created);
        for (Created c : all) {
            HttpResponse<byte[]> view = serve.get("/api/sessions/" + c.id, c.token);
            assertEquals(200, view.statusCode(), "round " + round + ": session " + c.id + " created before a kill is restored: "
                    + new String(view.body()));
        }
        Path scenes = dir.resolve("data/store/scenes");
        for (Path visit : list(scenes)) {
            Path manifest = visit.resolve("scene.json");
            if (!Files.exists(manifest)) {
                continue;
            }
            JsonArray files = new JsonObject(Files.readString(manifest)).getJsonArray("files");
            for (int i = 0; i < files.size(); i++) {
                JsonObject f = files.getJsonObject(i);
                HttpResponse<byte[]> r = serve.get("/segments/" + visit.getFileName() + "/" + f.getString("name"), null);
                if (r.statusCode() == 404 && !Files.exists(visit)) {
                    continue; // a visit found damaged at open went to quarantine
                }
                assertEquals(200, r.statusCode(), "round " + round + ": " + visit.getFileName() + "/" + f.getString("name"));
                assertEquals(f.getString("sha256"), ContentKey.sha256(r.body()), "round " + round + ": " + f.getString("name")
                        + " is served as its manifest records it");
            }
        }
        // The newest sessions' first segment, on their own timeline, once their first visit is (rendered again if need be) stored.
        for (Created c : all.subList(Math.max(0, all.size() - 2), all.size())) {
            assertDecodes(serve, c, round);
        }
    }

    private static void assertDecodes(ChildProcess serve, Created c, int round) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        HttpResponse<byte[]> r;
        do {
            r = serve.get("/sessions/" + c.id + "/segments/0-0.m4s", null);
            if (r.statusCode() == 200) {
                assertEquals(List.of("ftyp", "moof", "mdat", "uuid"), io.branchline.engine.Signed.boxes(r.body()),
                        "round " + round + ": session " + c.id + "'s first segment is a whole, signed fragment");
                return;
            }
            // 404 until the restored session's first visit is stored again, 503 while it is being read or rendered.
            assertTrue(r.statusCode() == 404 || r.statusCode() == 503, "round " + round + ": " + r.statusCode() + " " + new String(r.body()));
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        fail("round " + round + ": session " + c.id + "'s first segment was not served within 20 s: " + r.statusCode());
    }

    private static List<Path> list(Path folder) throws Exception {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.sorted().toList();
        }
    }
}
