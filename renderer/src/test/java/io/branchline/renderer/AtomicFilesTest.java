package io.branchline.renderer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writers racing on one file never tear it, never lose a write to a shared temporary name, and leave no temporary files. */
class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void fourWritersAndAReaderNeverSeeATornFile() throws Exception {
        Path target = dir.resolve("session.json");
        AtomicFiles.write(target, body(0, 0));
        ExecutorService pool = Executors.newFixedThreadPool(5);
        AtomicInteger torn = new AtomicInteger();
        List<Future<?>> work = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            int writer = w;
            work.add(pool.submit(() -> {
                for (int round = 0; round < 300; round++) {
                    AtomicFiles.write(target, body(writer, round));
                }
                return null;
            }));
        }
        work.add(pool.submit(() -> {
            for (int i = 0; i < 2000; i++) {
                String text = Files.readString(target, StandardCharsets.UTF_8);
                if (!text.matches("\\{\"writer\":\\d,\"round\":\\d+,\"pad\":\"x{4000}\"}")) {
                    torn.incrementAndGet();
                }
            }
            return null;
        }));
        for (Future<?> f : work) {
            f.get();
        }
        pool.shutdown();
        assertEquals(0, torn.get(), "a reader saw half a file");
        String last = Files.readString(target);
        assertTrue(last.contains("\"round\":299"), "the file holds one writer's last write whole: " + last.substring(0, 30));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(target), files.toList(), "no temporary file is left behind");
        }
    }

    private static byte[] body(int writer, int round) {
        return ("{\"writer\":" + writer + ",\"round\":" + round + ",\"pad\":\"" + "x".repeat(4000) + "\"}").getBytes(StandardCharsets.UTF_8);
    }
}
