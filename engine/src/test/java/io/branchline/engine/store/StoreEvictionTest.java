package io.branchline.engine.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreEvictionTest {

    @TempDir
    Path root;
    SegmentStore store;
    final List<String> evicted = new ArrayList<>();

    /** What one visit of {@link FakeRender#of(String)} takes; every such visit takes the same. */
    long visitBytes() throws IOException {
        try (SegmentStore probe = SegmentStore.open(root.resolve("probe"), Long.MAX_VALUE)) {
            return FakeRender.of(FakeRender.key("probe")).store(probe).totalBytes();
        }
    }

    SegmentStore open(long maxBytes) throws IOException {
        store = SegmentStore.open(root.resolve("store"), maxBytes, new StoreListener() {
            @Override
            public void evicted(String key, long bytes) {
                evicted.add(key);
            }
        });
        return store;
    }

    @AfterEach
    void close() throws IOException {
        if (store != null) {
            store.close();
        }
    }

    static String key(String name) {
        return FakeRender.key(name);
    }

    StoredScene put(String name) {
        return FakeRender.of(key(name)).store(store);
    }

    boolean has(String name) {
        return store.scene(key(name)).isPresent();
    }

    @Test
    void theLeastRecentlyReadVisitGoesFirst() throws IOException {
        long visit = visitBytes();
        open(3 * visit);
        put("a");
        put("b");
        put("c");
        assertEquals(visit, store.scene(key("c")).orElseThrow().totalBytes());
        assertTrue(store.file(key("a"), "seg-00000.m4s").isPresent()); // order now b, c, a

        put("d");
        assertEquals(List.of(key("b")), evicted);
        assertFalse(Files.exists(root.resolve("store/scenes").resolve(key("b"))));
        assertTrue(store.file(key("b"), "init.mp4").isEmpty());

        assertTrue(store.scene(key("c")).isPresent()); // order now a, d, c
        put("e");
        assertEquals(List.of(key("b"), key("a")), evicted);
        assertEquals(3 * visit, store.totalBytes());
        assertEquals(2, store.evictions());
        assertTrue(has("c") && has("d") && has("e"));
        assertEquals(3 * visit, SegmentStoreTest.bytesOnDisk(root.resolve("store/scenes")));
    }

    @Test
    void pinnedVisitsStayWhateverTheirAge() throws IOException {
        long visit = visitBytes();
        open(2 * visit);
        put("a");
        store.pin(key("a"), "session 1");
        store.pin(key("a"), "session 2");
        put("b");
        put("c");
        assertEquals(List.of(key("b")), evicted);

        store.unpin(key("a"), "session 1");
        put("d");
        assertEquals(List.of(key("b"), key("c")), evicted, "a is still pinned by session 2");

        store.unpin(key("a"), "session 2");
        put("e");
        assertEquals(List.of(key("b"), key("c"), key("a")), evicted);
        assertTrue(has("d") && has("e"));
    }

    @Test
    void pinsMayHoldTheStoreOverItsBoundUntilLetGo() throws IOException {
        long visit = visitBytes();
        open(visit);
        store.pin(key("a"), "session"); // pinned before it is rendered
        put("a");
        put("b"); // just rendered, about to be watched: spared though over the bound
        assertEquals(2 * visit, store.totalBytes());
        assertEquals(List.of(), evicted);

        store.unpin(key("a"), "session");
        assertEquals(List.of(key("a")), evicted);
        assertEquals(visit, store.totalBytes());
        assertTrue(has("b"));
    }

    @Test
    void reopeningWithASmallerBoundEvictsTheOldestWritten() throws IOException {
        long visit = visitBytes();
        open(10 * visit);
        put("a");
        put("b");
        put("c");
        store.close();
        Path scenes = root.resolve("store/scenes");
        Files.setLastModifiedTime(scenes.resolve(key("a")).resolve("scene.json"), FileTime.fromMillis(3_000_000));
        Files.setLastModifiedTime(scenes.resolve(key("b")).resolve("scene.json"), FileTime.fromMillis(1_000_000));
        Files.setLastModifiedTime(scenes.resolve(key("c")).resolve("scene.json"), FileTime.fromMillis(2_000_000));

        open(visit);
        assertEquals(List.of(key("b"), key("c")), evicted);
        assertTrue(has("a"));
        assertEquals(visit, store.totalBytes());
    }
}
