package io.branchline.engine.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.engine.EngineOverHttp;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Eight threads steer one session at once: no 5xx, and its file on disk reads back whole at every moment. */
class ConcurrentSteeringHttpTest {

    private static final String STORY = """
            title: Loop
            format: 240x426 30fps
            segment: 1s
            === hall ===
            shot 3s color "#203040"
            choice 3s default left cut
              * "Left" -> left
              * "Right" -> right
            === left ===
            shot 2s color "#20c040"
            -> hall
            === right ===
            shot 2s color "#2040e0"
            -> hall
            """;

    @TempDir
    Path dir;
    private EngineOverHttp engine;

    @BeforeEach
    void start() throws Exception {
        engine = EngineOverHttp.start(dir, Map.of("loop", STORY));
    }

    @AfterEach
    void stop() throws Exception {
        engine.close();
    }

    @Test
    void eightThreadsSteeringOneSessionGetNo5xxAndTheFileIsAlwaysWhole() throws Exception {
        JsonObject created = engine.post("/api/stories/loop/sessions", null, null).bodyAsJsonObject();
        String id = created.getString("id");
        String token = created.getString("token");
        Path folder;
        try (var found = Files.walk(dir)) {
            folder = found.filter(p -> p.getFileName().toString().equals(id + ".log")).findFirst().orElseThrow().getParent();
        }
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        AtomicBoolean steering = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        List<String> unreadable = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(9);
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            work.add(pool.submit(() -> {
                for (int i = 0; i < 60; i++) {
                    int status = switch ((thread + i) % 3) {
                        case 0 -> engine.post("/api/sessions/" + id + "/position", token, "{\"ms\": " + (i * 50) + "}").statusCode();
                        case 1 -> engine.post("/api/sessions/" + id + "/choices", token, "{\"option\": " + (i % 2) + "}").statusCode();
                        default -> engine.post("/api/sessions/" + id + "/back", token, null).statusCode();
                    };
                    statuses.computeIfAbsent(status, k -> new AtomicInteger()).incrementAndGet();
                }
                return null;
            }));
        }
        Future<?> reader = pool.submit(() -> {
            while (steering.get()) {
                List<SessionFile> seen = new SessionLog(folder).loadAll();
                reads.incrementAndGet();
                if (seen.size() != 1 || !seen.get(0).id().equals(id)) {
                    unreadable.add(String.valueOf(seen));
                }
            }
            return null;
        });
        for (Future<?> f : work) {
            f.get();
        }
        steering.set(false);
        reader.get();
        pool.shutdown();
        assertTrue(statuses.keySet().stream().noneMatch(s -> s >= 500), "no 5xx: " + statuses);
        assertEquals(480, statuses.values().stream().mapToInt(AtomicInteger::get).sum());
        assertTrue(reads.get() > 10, "the file was read while it was written: " + reads.get());
        assertEquals(List.of(), unreadable, "the session's file read back whole every time");

        engine.restart();
        JsonObject view = engine.get("/api/sessions/" + id, token).bodyAsJsonObject();
        assertEquals(id, view.getString("id"), "the session survives a restart after all that: " + view.encode());
    }
}
