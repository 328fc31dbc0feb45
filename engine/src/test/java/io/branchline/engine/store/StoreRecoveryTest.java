package io.branchline.engine.store;

import static io.branchline.engine.store.SegmentStoreTest.assertEmpty;
import static io.branchline.engine.store.SegmentStoreTest.assertServed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A crash is a store closed with work unfinished, then opened again. */
class StoreRecoveryTest {

    @TempDir
    Path root;

    @Test
    void aRenderCutShortIsNeverServedAndIsCleanedUp() throws IOException {
        FakeRender render = FakeRender.of(FakeRender.key("cut short"));
        try (SegmentStore store = SegmentStore.open(root, 1 << 30)) {
            SceneWriter writer = store.writer(render.key());
            writer.init(render.init());
            writer.segment(render.segments().get(0));
            writer.segment(render.segments().get(1));
            assertTrue(store.partial(render.key(), "seg-00001.m4s").isPresent());
            // no commit, no abort: the process dies here
        }
        assertFalse(isEmpty(root.resolve("staging")), "the crash left files behind");

        try (SegmentStore store = SegmentStore.open(root, 1 << 30)) {
            assertTrue(store.scene(render.key()).isEmpty());
            assertTrue(store.file(render.key(), "seg-00000.m4s").isEmpty());
            assertTrue(store.partial(render.key(), "seg-00000.m4s").isEmpty());
            assertEquals(0, store.totalBytes());
            assertEmpty(root.resolve("staging"));
            assertEmpty(root.resolve("scenes"));
        }
    }

    @Test
    void halfWrittenFoldersAreRemovedAndCompleteVisitsKept() throws IOException {
        FakeRender kept = FakeRender.of(FakeRender.key("kept"));
        FakeRender truncated = FakeRender.of(FakeRender.key("truncated"));
        try (SegmentStore store = SegmentStore.open(root, 1 << 30)) {
            kept.store(store);
            truncated.store(store);
        }
        Path scenes = root.resolve("scenes");
        // A visit with no manifest (as a crash before the last rename would leave one)...
        String noManifest = FakeRender.key("no manifest");
        Files.createDirectories(scenes.resolve(noManifest));
        Files.write(scenes.resolve(noManifest).resolve("init.mp4"), new byte[] {1, 2, 3});
        Files.write(scenes.resolve(noManifest).resolve(".seg-00000.m4s.tmp"), new byte[] {4});
        // ...one whose manifest is garbage, one whose segment lost its tail, a stray file, a half-deleted visit.
        String garbage = FakeRender.key("garbage");
        Files.createDirectories(scenes.resolve(garbage));
        Files.writeString(scenes.resolve(garbage).resolve("scene.json"), "{\"version\": 1, \"key\": ");
        Path segment = scenes.resolve(truncated.key()).resolve("seg-00001.m4s");
        Files.write(segment, java.util.Arrays.copyOf(truncated.segment(1), 10));
        Files.writeString(scenes.resolve("notes.txt"), "hello");
        Files.createDirectories(root.resolve("trash").resolve(garbage + "-7"));
        Files.write(root.resolve("trash").resolve(garbage + "-7").resolve("init.mp4"), new byte[] {1});

        try (SegmentStore store = SegmentStore.open(root, 1 << 30)) {
            assertServed(store, kept);
            for (String key : List.of(noManifest, garbage, truncated.key())) {
                assertTrue(store.scene(key).isEmpty(), key);
                assertTrue(store.partial(key, "init.mp4").isEmpty(), key);
            }
            assertEquals(store.scene(kept.key()).orElseThrow().totalBytes(), store.totalBytes());
            try (Stream<Path> left = Files.list(scenes)) {
                assertEquals(List.of(scenes.resolve(kept.key())), left.toList());
            }
            assertEmpty(root.resolve("trash"));
        }
    }

    private static boolean isEmpty(Path folder) throws IOException {
        try (Stream<Path> children = Files.walk(folder)) {
            return children.filter(Files::isRegularFile).findAny().isEmpty();
        }
    }
}
