package io.branchline.engine.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.renderer.ContentKey;
import io.branchline.renderer.SceneFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentStoreTest {

    @TempDir
    Path root;
    SegmentStore store;

    @BeforeEach
    void open() throws IOException {
        store = SegmentStore.open(root, 1 << 30);
    }

    @AfterEach
    void close() throws IOException {
        store.close();
    }

    @Test
    void aCommittedVisitIsServedByteForByteAndSurvivesAReopen() throws IOException {
        FakeRender render = FakeRender.of(FakeRender.key("forest"));
        StoredScene stored = render.store(store);

        assertEquals(render.key(), stored.key());
        assertEquals(render.scene().segments(), stored.segments());
        assertEquals(List.of("init.mp4", "seg-00000.m4s", "seg-00001.m4s", "seg-00002.m4s", "captions.vtt", "index.m3u8"), stored.files());
        assertEquals(bytesOnDisk(root.resolve("scenes").resolve(render.key())), stored.totalBytes());
        assertEquals(stored.totalBytes(), store.totalBytes());
        assertServed(store, render);

        store.close();
        store = SegmentStore.open(root, 1 << 30);
        assertEquals(stored, store.scene(render.key()).orElseThrow());
        assertEquals(stored.totalBytes(), store.totalBytes());
        assertServed(store, render);
    }

    @Test
    void onlyTheListedFilesAreServed() {
        FakeRender render = FakeRender.of(FakeRender.key("forest"));
        render.store(store);
        assertTrue(store.file(render.key(), "scene.json").isEmpty());
        assertTrue(store.file(render.key(), "seg-00003.m4s").isEmpty());
        assertTrue(store.file(FakeRender.key("elsewhere"), "init.mp4").isEmpty());
    }

    @Test
    void segmentsOfARenderInProgressAreServedAsSoonAsTheyAreWritten() throws IOException {
        FakeRender render = FakeRender.of(FakeRender.key("river"));
        String key = render.key();
        SceneWriter writer = store.writer(key);
        assertTrue(store.partial(key, "seg-00000.m4s").isEmpty());

        writer.init(render.init());
        writer.segment(render.segments().get(0));

        assertTrue(store.rendering(key));
        assertTrue(store.scene(key).isEmpty());
        assertTrue(store.file(key, "seg-00000.m4s").isEmpty(), "not complete yet");
        StoredFile first = store.partial(key, "seg-00000.m4s").orElseThrow();
        assertArrayEquals(render.segment(0), Files.readAllBytes(first.path()));
        assertEquals(ContentKey.sha256(render.segment(0)), first.sha256());
        assertEquals(render.segment(0).length, first.size());
        assertEquals("video/mp4", first.contentType());
        assertTrue(store.partial(key, "seg-00001.m4s").isEmpty());

        writer.segment(render.segments().get(1));
        writer.segment(render.segments().get(2));
        writer.commit(render.scene());

        assertFalse(store.rendering(key));
        StoredFile after = store.partial(key, "seg-00000.m4s").orElseThrow();
        assertEquals(root.resolve("scenes").resolve(key).resolve("seg-00000.m4s"), after.path());
        assertEquals(first.sha256(), after.sha256());
        assertEmpty(root.resolve("staging"));
    }

    @Test
    void anAbortedRenderLeavesNothing() throws IOException {
        FakeRender render = FakeRender.of(FakeRender.key("cave"));
        SceneWriter writer = store.writer(render.key());
        render.writeSegments(writer);
        writer.abort();

        assertTrue(store.partial(render.key(), "seg-00000.m4s").isEmpty());
        assertTrue(store.scene(render.key()).isEmpty());
        assertEmpty(root.resolve("staging"));
        assertThrows(IllegalStateException.class, () -> writer.segment(render.segments().get(0)));
        assertThrows(IllegalStateException.class, () -> writer.commit(render.scene()));
    }

    @Test
    void aCommitMissingASegmentFailsAndLeavesNothing() throws IOException {
        FakeRender render = FakeRender.of(FakeRender.key("cave"));
        SceneWriter writer = store.writer(render.key());
        writer.init(render.init());
        writer.segment(render.segments().get(0));
        writer.segment(render.segments().get(2));

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> writer.commit(render.scene()));
        assertTrue(e.getMessage().contains("seg-00001.m4s"), e.getMessage());
        assertTrue(store.scene(render.key()).isEmpty());
        assertTrue(store.partial(render.key(), "seg-00000.m4s").isEmpty());
        assertEmpty(root.resolve("staging"));
        assertEmpty(root.resolve("scenes"));
    }

    @Test
    void aCommitOfAnotherKeyIsRefused() {
        FakeRender render = FakeRender.of(FakeRender.key("cave"));
        SceneWriter writer = store.writer(FakeRender.key("not the cave"));
        render.writeSegments(writer);
        assertThrows(IllegalArgumentException.class, () -> writer.commit(render.scene()));
        assertTrue(store.scene(render.key()).isEmpty());
    }

    @Test
    void twoRendersOfOneKeyDoNotSpoilEachOther() throws IOException {
        FakeRender render = FakeRender.of(FakeRender.key("twice"));
        SceneWriter first = store.writer(render.key());
        SceneWriter second = store.writer(render.key());
        first.init(render.init());
        second.init(render.init());
        first.segment(render.segments().get(0));
        second.segment(render.segments().get(0));
        second.segment(render.segments().get(1));
        first.segment(render.segments().get(1));
        first.segment(render.segments().get(2));
        StoredScene won = first.commit(render.scene());
        assertServed(store, render);

        second.segment(render.segments().get(2));
        StoredScene lost = second.commit(render.scene());

        assertEquals(won, lost);
        assertEquals(won.totalBytes(), store.totalBytes());
        assertServed(store, render);
        assertEmpty(root.resolve("staging"));
    }

    @Test
    void badKeysAreRefused() {
        String good = FakeRender.key("k");
        for (String key : new String[] {"../x", "", good.toUpperCase(), good.substring(1), good + "0", "../" + good.substring(3),
                good.substring(0, 63) + "/", null}) {
            assertThrows(IllegalArgumentException.class, () -> store.writer(key), String.valueOf(key));
            assertThrows(IllegalArgumentException.class, () -> store.scene(key), String.valueOf(key));
            assertThrows(IllegalArgumentException.class, () -> store.file(key, "init.mp4"), String.valueOf(key));
            assertThrows(IllegalArgumentException.class, () -> store.partial(key, "init.mp4"), String.valueOf(key));
            assertThrows(IllegalArgumentException.class, () -> store.pin(key, "me"), String.valueOf(key));
        }
    }

    @Test
    void badNamesAreRefused() {
        FakeRender render = FakeRender.of(FakeRender.key("forest"));
        render.store(store);
        for (String name : new String[] {"../x", "..", ".", "", "a/b", "..%2fx", "../" + render.key() + "/init.mp4", "/etc/passwd",
                ".lock", "seg-00000.m4s/..", "init.mp4\u0000", "a\\b", null}) {
            assertThrows(IllegalArgumentException.class, () -> store.file(render.key(), name), String.valueOf(name));
            assertThrows(IllegalArgumentException.class, () -> store.partial(render.key(), name), String.valueOf(name));
        }
    }

    @Test
    void contentTypesFollowTheExtension() {
        assertEquals("video/mp4", StoredFile.contentType("init.mp4"));
        assertEquals("video/mp4", StoredFile.contentType("seg-00001.m4s"));
        assertEquals("application/vnd.apple.mpegurl", StoredFile.contentType("index.m3u8"));
        assertEquals("text/vtt", StoredFile.contentType("captions.vtt"));
    }

    @Test
    void aSecondStoreOnTheSameFolderIsRefused() {
        assertThrows(IllegalStateException.class, () -> SegmentStore.open(root, 1 << 30));
    }

    static void assertServed(SegmentStore store, FakeRender render) throws IOException {
        String key = render.key();
        StoredFile init = store.file(key, SceneFiles.INIT).orElseThrow();
        assertArrayEquals(render.init(), Files.readAllBytes(init.path()));
        assertEquals("video/mp4", init.contentType());
        for (int i = 0; i < render.segments().size(); i++) {
            StoredFile segment = store.file(key, SceneFiles.segmentName(i)).orElseThrow();
            assertArrayEquals(render.segment(i), Files.readAllBytes(segment.path()));
            assertEquals(render.segment(i).length, segment.size());
            assertEquals(ContentKey.sha256(render.segment(i)), segment.sha256());
            assertEquals('"' + segment.sha256() + '"', segment.etag());
        }
        StoredFile playlist = store.file(key, SceneFiles.PLAYLIST).orElseThrow();
        assertEquals(render.scene().playlist(), Files.readString(playlist.path(), StandardCharsets.UTF_8));
        assertEquals("application/vnd.apple.mpegurl", playlist.contentType());
        StoredFile captions = store.file(key, SceneFiles.CAPTIONS).orElseThrow();
        assertEquals(render.scene().captions(), Files.readString(captions.path(), StandardCharsets.UTF_8));
        assertEquals("text/vtt", captions.contentType());
    }

    static long bytesOnDisk(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    static void assertEmpty(Path folder) throws IOException {
        try (Stream<Path> children = Files.list(folder)) {
            assertEquals(List.of(), children.toList(), folder + " should be empty");
        }
    }
}
