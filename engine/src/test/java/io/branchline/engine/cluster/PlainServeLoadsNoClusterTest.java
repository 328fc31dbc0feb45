package io.branchline.engine.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.engine.ChildProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plain {@code serve} (no {@code --cluster}) starts no cluster and loads no class of Hazelcast
 * or of any Vert.x cluster manager, though they are on its class path (this test's).
 */
@SuppressWarnings("try")   // close() may be interrupted; resources held for their scope only
class PlainServeLoadsNoClusterTest {

    @TempDir
    Path dir;

    @Test
    void aPlainServeLoadsNoClusterManager() throws Exception {
        Path classes = dir.resolve("classes.txt");
        try (ChildProcess serve = ChildProcess.start(List.of("-Xlog:class+load=info:file=" + classes),
                List.of("serve", "--port", "0", "--host", "127.0.0.1", "--data", dir.resolve("data").toString()),
                dir.resolve("serve.log"), ChildProcess.SERVING, java.time.Duration.ofSeconds(60))) {
            assertEquals(200, serve.get("/api/stories").statusCode());
            Thread.sleep(1_000); // the first scenes' renders start meanwhile
            String loaded = Files.readString(classes);
            assertTrue(loaded.contains("io.vertx.core.impl.VertxImpl"), "the class log works");
            assertTrue(loaded.lines().noneMatch(l -> l.contains(" com.hazelcast.") || l.contains(" io.vertx.spi.cluster.")),
                    "cluster classes loaded by a plain serve: " + loaded.lines().filter(l -> l.contains("hazelcast")).limit(5).toList());
        }
    }
}
