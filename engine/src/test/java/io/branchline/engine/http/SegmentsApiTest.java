package io.branchline.engine.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.branchline.engine.store.StoredFile;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import io.branchline.engine.store.TieredStore;
import io.branchline.renderer.RenderTier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file that moves between its look-up and its sending (a render committing its folder) still gets an answer. */
class SegmentsApiTest {

    private static final String KEY = "a".repeat(64);

    @TempDir
    Path dir;
    private Vertx vertx;
    private WebClient client;

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        client = WebClient.create(vertx);
    }

    @AfterEach
    void stop() throws Exception {
        await(vertx.close());
    }

    private HttpResponse<Buffer> fetch(SegmentsApi.Lookup lookup) throws Exception {
        Router router = Router.router(vertx);
        router.get("/segments/:key/:name").handler(new SegmentsApi(lookup, null)::serve);
        int port = await(vertx.createHttpServer().requestHandler(router).listen(0, "localhost")).actualPort();
        return await(client.get(port, "localhost", "/segments/" + KEY + "/init.mp4").send());
    }

    @Test
    void aFileThatMovedIsLookedUpAgain() throws Exception {
        Path committed = Files.write(dir.resolve("init.mp4"), new byte[] {1, 2, 3, 4});
        Path gone = dir.resolve("partial/init.mp4");
        AtomicInteger looks = new AtomicInteger();
        HttpResponse<Buffer> r = fetch((key, name) -> Optional.of(new TieredStore.TieredFile(new StoredFile(looks.getAndIncrement() == 0 ? gone : committed, 4,
                "b".repeat(64), "video/mp4"), RenderTier.FULL)));
        assertEquals(200, r.statusCode());
        assertEquals(Buffer.buffer(new byte[] {1, 2, 3, 4}), r.body());
        assertEquals(2, looks.get());
    }

    @Test
    void aFileThatStaysGoneIsAnsweredNotLeftHanging() throws Exception {
        Path gone = dir.resolve("partial/init.mp4");
        HttpResponse<Buffer> r = fetch((key, name) -> Optional.of(new TieredStore.TieredFile(new StoredFile(gone, 4, "b".repeat(64), "video/mp4"), RenderTier.FULL)));
        assertEquals(503, r.statusCode(), r.bodyAsString());
    }
}
