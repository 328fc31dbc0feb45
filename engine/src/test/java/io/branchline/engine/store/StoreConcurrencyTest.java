package io.branchline.engine.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.renderer.ContentKey;
import io.branchline.renderer.SceneFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class StoreConcurrencyTest {

    @TempDir
    Path root;

    final List<FakeRender> renders = List.of("a", "b", "c", "d", "e", "f").stream().map(n -> FakeRender.of(FakeRender.key(n))).toList();
    final Queue<String> failures = new ConcurrentLinkedQueue<>();

    @Test
    @Timeout(60)
    void readersNeverSeeWrongBytesWhileWritersCommitAbortAndEvict() throws Exception {
        long visit;
        try (SegmentStore probe = SegmentStore.open(root.resolve("probe"), Long.MAX_VALUE)) {
            visit = renders.get(0).store(probe).totalBytes();
        }
        try (SegmentStore store = SegmentStore.open(root.resolve("store"), 3 * visit)) {
            ExecutorService pool = Executors.newFixedThreadPool(7);
            AtomicBoolean writing = new AtomicBoolean(true);
            CountDownLatch writersDone = new CountDownLatch(2);
            List<Future<?>> jobs = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                Random random = new Random(w);
                jobs.add(pool.submit(() -> {
                    try {
                        for (int i = 0; i < 60; i++) {
                            FakeRender render = renders.get(random.nextInt(renders.size()));
                            try (SceneWriter writer = store.writer(render.key())) {
                                render.writeSegments(writer);
                                if (random.nextInt(5) > 0) {
                                    writer.commit(render.scene());
                                }
                            }
                        }
                    } finally {
                        writersDone.countDown();
                    }
                }));
            }
            for (int r = 0; r < 4; r++) {
                Random random = new Random(100 + r);
                jobs.add(pool.submit(() -> {
                    while (writing.get()) {
                        FakeRender render = renders.get(random.nextInt(renders.size()));
                        String name = names(render).get(random.nextInt(6));
                        Optional<StoredFile> file = random.nextBoolean() ? store.partial(render.key(), name) : store.file(render.key(), name);
                        file.ifPresent(f -> check(render, name, f));
                    }
                }));
            }
            jobs.add(pool.submit(() -> {
                Random random = new Random(7);
                while (writing.get()) {
                    String key = renders.get(random.nextInt(renders.size())).key();
                    store.pin(key, "viewer");
                    Thread.onSpinWait();
                    store.unpin(key, "viewer");
                }
            }));
            assertTrue(writersDone.await(50, TimeUnit.SECONDS));
            writing.set(false);
            for (Future<?> job : jobs) {
                job.get();
            }
            pool.shutdown();

            assertEquals(List.of(), List.copyOf(failures));
            assertEquals(0, store.quarantines(), "no file was ever found spoiled");
            assertTrue(store.evictions() > 0, "the bound was reached");
            assertTrue(store.totalBytes() <= 3 * visit, "under the bound once no one pins: " + store.totalBytes());
            assertEquals(store.totalBytes(), SegmentStoreTest.bytesOnDisk(root.resolve("store/scenes")));
            SegmentStoreTest.assertEmpty(root.resolve("store/staging"));
            SegmentStoreTest.assertEmpty(root.resolve("store/trash"));
            for (FakeRender render : renders) {
                if (store.scene(render.key()).isPresent()) {
                    SegmentStoreTest.assertServed(store, render);
                }
            }
        }
    }

    @Test
    @Timeout(30)
    void twoRendersOfOneKeyRacingToCommitLeaveOneGoodVisit() throws Exception {
        FakeRender render = renders.get(0);
        try (SegmentStore store = SegmentStore.open(root, Long.MAX_VALUE)) {
            for (int round = 0; round < 20; round++) {
                CyclicBarrier barrier = new CyclicBarrier(2);
                ExecutorService pool = Executors.newFixedThreadPool(2);
                List<Future<StoredScene>> commits = new ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    commits.add(pool.submit(() -> {
                        SceneWriter writer = store.writer(render.key());
                        render.writeSegments(writer);
                        barrier.await();
                        return writer.commit(render.scene());
                    }));
                }
                StoredScene first = commits.get(0).get();
                assertEquals(first, commits.get(1).get());
                pool.shutdown();
                SegmentStoreTest.assertServed(store, render);
                assertEquals(first.totalBytes(), store.totalBytes());
                SegmentStoreTest.assertEmpty(root.resolve("staging"));
                store.file(render.key(), "init.mp4").orElseThrow();
                Files.write(root.resolve("scenes").resolve(render.key()).resolve("init.mp4"), new byte[] {1});
                assertTrue(store.file(render.key(), "init.mp4").isEmpty()); // dropped: the next round renders it again
            }
        }
    }

    private static List<String> names(FakeRender render) {
        return List.of(SceneFiles.INIT, SceneFiles.segmentName(0), SceneFiles.segmentName(1), SceneFiles.segmentName(2), SceneFiles.CAPTIONS,
                SceneFiles.PLAYLIST);
    }

    private static byte[] expected(FakeRender render, String name) {
        return switch (name) {
            case SceneFiles.INIT -> render.init();
            case SceneFiles.CAPTIONS -> render.scene().captions().getBytes(StandardCharsets.UTF_8);
            case SceneFiles.PLAYLIST -> render.scene().playlist().getBytes(StandardCharsets.UTF_8);
            default -> render.segment(Integer.parseInt(name.substring(4, 9)));
        };
    }

    private void check(FakeRender render, String name, StoredFile file) {
        byte[] want = expected(render, name);
        if (file.size() != want.length || !file.sha256().equals(ContentKey.sha256(want))) {
            failures.add(name + " of " + render.key() + " described wrongly: " + file);
        }
        try {
            byte[] got = Files.readAllBytes(file.path());
            if (!Arrays.equals(want, got)) {
                failures.add(name + " of " + render.key() + " read " + got.length + " wrong bytes from " + file.path());
            }
        } catch (NoSuchFileException e) {
            // evicted, aborted or moved by a commit after it was handed out: the caller asks again
        } catch (IOException e) {
            failures.add(e.toString());
        }
    }
}
