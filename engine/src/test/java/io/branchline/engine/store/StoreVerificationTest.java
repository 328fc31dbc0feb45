package io.branchline.engine.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreVerificationTest {

    @TempDir
    Path root;
    SegmentStore store;
    final List<String> quarantined = new ArrayList<>();
    final FakeRender render = FakeRender.of(FakeRender.key("lighthouse"));

    @BeforeEach
    void open() throws IOException {
        store = SegmentStore.open(root, 1 << 30, new StoreListener() {
            @Override
            public void quarantined(String key, String file, String reason) {
                quarantined.add(key + " " + file);
            }
        });
        render.store(store);
    }

    @AfterEach
    void close() throws IOException {
        store.close();
    }

    Path file(String name) {
        return root.resolve("scenes").resolve(render.key()).resolve(name);
    }

    @Test
    void aTruncatedSegmentIsMissingAndItsVisitIsDropped() throws IOException {
        Files.write(file("seg-00002.m4s"), java.util.Arrays.copyOf(render.segment(2), 999));

        assertTrue(store.file(render.key(), "seg-00002.m4s").isEmpty());
        assertDropped("seg-00002.m4s");
    }

    @Test
    void aSegmentWithTheRightSizeButWrongBytesIsMissingAndItsVisitIsDropped() throws IOException {
        byte[] spoiled = render.segment(1).clone();
        spoiled[500] ^= 1;
        Path path = file("seg-00001.m4s");
        FileTime before = Files.getLastModifiedTime(path);
        Files.write(path, spoiled);
        Files.setLastModifiedTime(path, FileTime.fromMillis(before.toMillis() + 5000));

        assertTrue(store.file(render.key(), "seg-00001.m4s").isEmpty());
        assertDropped("seg-00001.m4s");
    }

    @Test
    void aDeletedFileIsMissingAndItsVisitIsDropped() throws IOException {
        Files.delete(file("index.m3u8"));

        assertTrue(store.file(render.key(), "index.m3u8").isEmpty());
        assertDropped("index.m3u8");
    }

    @Test
    void aFileFoundGoodIsNotHashedAgainUntilItChanges() throws IOException {
        store.close();
        store = SegmentStore.open(root, 1 << 30);
        long start = store.hashed();
        for (int i = 0; i < 5; i++) {
            assertTrue(store.file(render.key(), "seg-00000.m4s").isPresent());
        }
        assertEquals(start + 1, store.hashed(), "a hot segment is hashed once");

        Path path = file("seg-00000.m4s");
        Files.setLastModifiedTime(path, FileTime.fromMillis(Files.getLastModifiedTime(path).toMillis() + 5000));
        StoredFile again = store.file(render.key(), "seg-00000.m4s").orElseThrow();
        assertEquals(start + 2, store.hashed(), "a touched file is checked again");
        assertArrayEquals(render.segment(0), Files.readAllBytes(again.path()));

        byte[] spoiled = render.segment(0).clone();
        spoiled[0] ^= (byte) 0xff;
        Files.write(path, spoiled, StandardOpenOption.TRUNCATE_EXISTING);
        Files.setLastModifiedTime(path, FileTime.fromMillis(Files.getLastModifiedTime(path).toMillis() + 10_000));
        assertTrue(store.file(render.key(), "seg-00000.m4s").isEmpty(), "the changed file was checked again");
        assertEquals(1, store.quarantines());
    }

    @Test
    void filesTheStoreWroteItselfAreTrustedUntilTheyChange() {
        long start = store.hashed();
        assertTrue(store.file(render.key(), "seg-00000.m4s").isPresent());
        assertEquals(start, store.hashed());
    }

    @Test
    void aDroppedVisitCanBeRenderedAgain() throws IOException {
        Files.write(file("init.mp4"), new byte[] {0});
        assertTrue(store.file(render.key(), "init.mp4").isEmpty());

        render.store(store);
        SegmentStoreTest.assertServed(store, render);
    }

    private void assertDropped(String name) {
        assertTrue(store.scene(render.key()).isEmpty());
        assertTrue(store.file(render.key(), "seg-00000.m4s").isEmpty(), "the other files of the visit go too");
        assertFalse(Files.exists(root.resolve("scenes").resolve(render.key())));
        assertEquals(0, store.totalBytes());
        assertEquals(1, store.quarantines());
        assertEquals(List.of(render.key() + " " + name), quarantined);
    }
}
