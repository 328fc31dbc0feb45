package io.branchline.engine.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A visit taken from another store (a render node's) is stored only when every file matches its manifest. */
class SceneTransferTest {

    @TempDir
    Path dir;
    private SegmentStore node;
    private SegmentStore engine;
    private final String key = FakeRender.key("lighthouse");

    @BeforeEach
    void setUp() throws Exception {
        node = SegmentStore.open(dir.resolve("node"), 1L << 30);
        engine = SegmentStore.open(dir.resolve("engine"), 1L << 30);
        FakeRender.of(key).store(node);
    }

    @AfterEach
    void tearDown() throws Exception {
        node.close();
        engine.close();
    }

    private byte[] fromNode(String name) throws java.io.IOException {
        return Files.readAllBytes(node.file(key, name).orElseThrow().path());
    }

    @Test
    void aVisitWhoseFilesMatchIsStoredByteForByte() throws Exception {
        StoredScene stored = SceneTransfer.importScene(engine, key, node.manifest(key).orElseThrow(), this::fromNode);
        assertEquals(3, stored.segments().size());
        for (String name : stored.files()) {
            assertArrayEquals(fromNode(name), Files.readAllBytes(engine.file(key, name).orElseThrow().path()), name);
        }
        assertArrayEquals(node.manifest(key).orElseThrow(), engine.manifest(key).orElseThrow(), "the same manifest");
    }

    @Test
    void oneAlteredByteThrowsTheWholeVisitAway() {
        SceneTransfer.Mismatch e = assertThrows(SceneTransfer.Mismatch.class, () -> SceneTransfer.importScene(engine, key,
                node.manifest(key).orElseThrow(), name -> {
                    byte[] b = fromNode(name);
                    if (name.equals("seg-00001.m4s") || name.endsWith("1.m4s")) {
                        b[10] ^= 1;
                    }
                    return b;
                }));
        assertTrue(e.getMessage().contains("SHA-256"), e.getMessage());
        assertTrue(engine.scene(key).isEmpty(), "nothing of it is stored");
        assertTrue(engine.file(key, "init.mp4").isEmpty());
    }

    @Test
    void aManifestOfAnotherKeyIsRefused() {
        String other = FakeRender.key("harbour");
        assertThrows(SceneTransfer.Mismatch.class, () -> SceneTransfer.importScene(engine, other, node.manifest(key).orElseThrow(), this::fromNode));
        assertTrue(engine.scene(other).isEmpty());
    }

    @Test
    void theRenderNodeThatMadeAVisitIsRecordedInItsManifestAndKeptOverARestart() throws Exception {
        assertEquals(null, node.scene(key).orElseThrow().renderedBy(), "the node rendered it itself");
        StoredScene stored = SceneTransfer.importScene(engine, key, node.manifest(key).orElseThrow(), this::fromNode, "gpu-a");
        assertEquals("gpu-a", stored.renderedBy());
        assertTrue(new String(engine.manifest(key).orElseThrow()).contains("\"renderedBy\" : \"gpu-a\""));
        engine.close();
        engine = SegmentStore.open(dir.resolve("engine"), 1L << 30);
        assertEquals("gpu-a", engine.scene(key).orElseThrow().renderedBy());
    }
}
