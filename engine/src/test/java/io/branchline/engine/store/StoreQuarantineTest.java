package io.branchline.engine.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damage and disk failures kept apart: what is quarantined, for how long it is "being rendered again", when a file is hashed again. */
class StoreQuarantineTest {

    @TempDir
    Path root;
    final AtomicLong now = new AtomicLong();
    volatile String readFault;

    final FileAccess disk = new FileAccess() {
        @Override
        public BasicFileAttributes attributes(Path file) throws IOException {
            fail(file);
            return DISK.attributes(file);
        }

        @Override
        public InputStream read(Path file) throws IOException {
            fail(file);
            return DISK.read(file);
        }

        @Override
        public void write(Path file, byte[] bytes, boolean sync) throws IOException {
            DISK.write(file, bytes, sync);
        }

        private void fail(Path file) throws IOException {
            if (readFault != null) {
                throw new FileSystemException(file.toString(), null, readFault);
            }
        }
    };
    final StoreOptions options = StoreOptions.DEFAULTS.withFiles(disk).withClock(now::get).withQuarantine(2, 1 << 20);

    @Test
    void aDiskThatCannotAnswerIsNotDamage() throws IOException {
        FakeRender render = FakeRender.of(FakeRender.key("fd"));
        try (SegmentStore store = SegmentStore.open(root, 1 << 30, StoreListener.NONE, options)) {
            render.store(store);
            readFault = "Too many open files";
            StoreUnavailableException e = assertThrows(StoreUnavailableException.class, () -> store.file(render.key(), "seg-00000.m4s"));
            assertTrue(e.getMessage().contains("Too many open files") && e.getMessage().contains("nothing was removed"), e.getMessage());
            assertEquals(1, e.retryAfterSeconds());
            assertEquals(0, store.quarantines());
            assertTrue(store.scene(render.key()).isPresent());
            readFault = null;
            SegmentStoreTest.assertServed(store, render);
        }
    }

    @Test
    void aFileFoundGoodIsHashedAgainAfterItsReadsOrItsTime() throws IOException {
        FakeRender render = FakeRender.of(FakeRender.key("hot"));
        try (SegmentStore store = SegmentStore.open(root, 1 << 30, StoreListener.NONE, options.withRecheck(Duration.ofSeconds(10), 8))) {
            render.store(store);
        }
        try (SegmentStore store = SegmentStore.open(root, 1 << 30, StoreListener.NONE, options.withRecheck(Duration.ofSeconds(10), 8))) {
            store.file(render.key(), "seg-00000.m4s").orElseThrow();
            assertEquals(1, store.hashed(), "hashed before it is first served after a start");
            for (int i = 0; i < 5; i++) {
                store.file(render.key(), "seg-00000.m4s").orElseThrow();
            }
            assertEquals(1, store.hashed(), "trusted for at least three quarters of its 8 reads");
            for (int i = 0; i < 4; i++) {
                store.file(render.key(), "seg-00000.m4s").orElseThrow();
            }
            assertEquals(2, store.hashed(), "hashed again by its 9th read after the check (its limit is 7 or 8)");
            now.addAndGet(Duration.ofSeconds(10).toNanos());
            store.file(render.key(), "seg-00000.m4s").orElseThrow();
            assertEquals(3, store.hashed(), "hashed again once its time passed");
        }
    }

    @Test
    void aDamagedVisitIsKeptInQuarantineAndIsBeingRenderedAgainUntilStoredOrItsWindowPasses() throws IOException {
        List<FakeRender> renders = List.of(FakeRender.of(FakeRender.key("a")), FakeRender.of(FakeRender.key("b")), FakeRender.of(FakeRender.key("c")));
        try (SegmentStore store = SegmentStore.open(root, 1 << 30, StoreListener.NONE, options)) {
            for (FakeRender r : renders) {
                r.store(store);
                Files.delete(root.resolve("scenes").resolve(r.key()).resolve("seg-00001.m4s"));
                assertTrue(store.file(r.key(), "seg-00001.m4s").isEmpty());
                assertTrue(store.healing(r.key()));
                assertThrows(StoreUnavailableException.class, () -> store.partial(r.key(), "seg-00000.m4s"));
            }
            List<Path> kept = list(root.resolve("quarantine"));
            assertEquals(2, kept.size(), "at most two kept, the oldest went");
            assertTrue(kept.get(1).getFileName().toString().endsWith(renders.get(2).key()));
            assertTrue(Files.readString(kept.get(1).resolve(Quarantine.NOTE)).contains("seg-00001.m4s"));
            assertTrue(Files.exists(kept.get(1).resolve("seg-00000.m4s")), "the visit is kept as it was found");

            renders.get(0).store(store);
            assertTrue(!store.healing(renders.get(0).key()));
            SegmentStoreTest.assertServed(store, renders.get(0));
            now.addAndGet(StoreOptions.DEFAULTS.healWindow().toNanos());
            assertTrue(store.partial(renders.get(1).key(), "seg-00000.m4s").isEmpty(), "after the window nobody is rendering it: not stored");
        }
    }

    @Test
    void aVisitDamagedWhileTheEngineWasDownIsQuarantinedAtOpen() throws IOException {
        FakeRender render = FakeRender.of(FakeRender.key("down"));
        try (SegmentStore store = SegmentStore.open(root, 1 << 30, StoreListener.NONE, options)) {
            render.store(store);
        }
        Files.delete(root.resolve("scenes").resolve(render.key()).resolve("init.mp4"));
        try (SegmentStore store = SegmentStore.open(root, 1 << 30, StoreListener.NONE, options)) {
            assertTrue(store.scene(render.key()).isEmpty());
            assertEquals(1, store.quarantines());
            assertEquals(1, list(root.resolve("quarantine")).size());
            render.store(store);
            SegmentStoreTest.assertServed(store, render);
        }
    }

    private static List<Path> list(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.sorted().toList();
        }
    }
}
