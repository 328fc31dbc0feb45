package io.branchline.engine.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.engine.stories.StoryCatalog;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that hold connections without finishing a request: half a header, a header a byte at a
 * time, nothing at all, more connections than the cap. The server closes them after its (here
 * short) timeouts and keeps answering new clients. Loopback, bounded counts, a few seconds.
 */
class ConnectionLimitsHttpTest {

    private static final int SOCKETS = 50;

    @TempDir
    Path folder;
    private Vertx vertx;
    private HttpVerticle http;
    private final List<Socket> sockets = new ArrayList<>();

    private int start(ServerLimits limits) throws Exception {
        vertx = GuardedTransport.vertx(limits);
        StoryCatalog catalog = new StoryCatalog(folder);
        catalog.refresh();
        http = new HttpVerticle(catalog, "localhost", 0).limits(limits);
        vertx.deployVerticle(http).toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        return http.actualPort();
    }

    @AfterEach
    void stop() throws Exception {
        for (Socket s : sockets) {
            s.close();
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    private Socket open(int port, String send) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        sockets.add(socket);
        if (!send.isEmpty()) {
            socket.getOutputStream().write(send.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
        }
        return socket;
    }

    @Test
    void halfAHeaderIsClosedAfterTheHeaderTimeoutAndNewClientsAreAnswered() throws Exception {
        // An idle timeout far longer than the test: only the header timeout can close these.
        int port = start(ServerLimits.fromSystemProperties().withTimeouts(60_000, 500));
        long started = System.nanoTime();
        for (int i = 0; i < SOCKETS; i++) {
            open(port, "GET /api/stories HTTP/1.1\r\nHost: localh");
        }
        for (Socket s : sockets) {
            assertTrue(RawHttp.closedWithin(s, 5_000), "a connection with half a header is closed");
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        System.out.println("[hardening] " + SOCKETS + " half-header connections closed after " + ms + " ms (header timeout 500 ms)");
        assertTrue(ms >= 450, "not before the timeout: " + ms + " ms");
        assertEquals(200, RawHttp.get(port, "/api/stories").status());
    }

    @Test
    void aHeaderSentAByteAtATimeIsClosedThoughItNeverFallsIdle() throws Exception {
        int port = start(ServerLimits.fromSystemProperties().withTimeouts(60_000, 600));
        Socket slow = open(port, "");
        OutputStream out = slow.getOutputStream();
        byte[] header = "GET /api/stories HTTP/1.1\r\nHost: localhost\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
                .getBytes(StandardCharsets.ISO_8859_1);
        long started = System.nanoTime();
        boolean closed = false;
        for (int i = 0; i < header.length && !closed; i++) {
            try {
                out.write(header[i]);
                out.flush();
            } catch (IOException e) {
                closed = true;
                break;
            }
            closed = RawHttp.closedWithin(slow, 50);
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertTrue(closed, "the trickling connection was closed");
        assertTrue(ms < 3_000, "closed by the header timeout, after " + ms + " ms");
        assertEquals(200, RawHttp.get(port, "/api/stories").status());
    }

    @Test
    void idleConnectionsAreClosedAfterTheIdleTimeout() throws Exception {
        // A header timeout longer than the test: only the idle timeout can close these.
        int port = start(ServerLimits.fromSystemProperties().withTimeouts(500, 60_000));
        long started = System.nanoTime();
        for (int i = 0; i < SOCKETS; i++) {
            open(port, "");
        }
        for (Socket s : sockets) {
            assertTrue(RawHttp.closedWithin(s, 5_000), "an idle connection is closed");
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        System.out.println("[hardening] " + SOCKETS + " idle connections closed after " + ms + " ms (idle timeout 500 ms)");
        assertEquals(200, RawHttp.get(port, "/api/stories").status());
    }

    @Test
    void connectionsBeyondTheCapAreClosedAtOnce() throws Exception {
        int port = start(ServerLimits.fromSystemProperties().withTimeouts(60_000, 60_000).withMaxConnections(20));
        for (int i = 0; i < 20; i++) {
            open(port, "");
        }
        waitFor(() -> http.openConnections() == 20);
        Socket beyond = open(port, "GET /api/stories HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assertTrue(RawHttp.closedWithin(beyond, 2_000), "the 21st connection is closed unanswered");
        for (Socket s : sockets.subList(0, 5)) {
            s.close();
        }
        waitFor(() -> http.openConnections() <= 15);
        assertEquals(200, RawHttp.get(port, "/api/stories").status(), "with room again, a new client is answered");
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < until, "condition not met in 5 s");
            Thread.sleep(10);
        }
    }
}
