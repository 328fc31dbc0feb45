package io.branchline.engine.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import org.junit.jupiter.api.Test;

/** An event stream to a client that stops reading is closed, not buffered without end. */
class EventStreamTest {

    /** A connection whose client reads nothing: every write waits in the queue. */
    static final class StuckClient implements WriteStream<Buffer> {
        int queued;
        int max;

        @Override
        public Future<Void> write(Buffer data) {
            queued += data.length();
            return Future.succeededFuture();
        }

        @Override
        public boolean writeQueueFull() {
            return queued >= max;
        }

        @Override
        public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
            max = maxSize;
            return this;
        }

        @Override
        public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
            return this;
        }

        @Override
        public Future<Void> end() {
            return Future.succeededFuture();
        }

        @Override
        public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
            return this;
        }
    }

    @Test
    void aClientThatStopsReadingIsDroppedOnceItsQueueIsFull() {
        StuckClient client = new StuckClient();
        int[] closed = {0};
        EventStream stream = new EventStream(client, () -> closed[0]++);
        String event = "event: segment-ready\ndata: " + "x".repeat(1000) + "\n\n";
        int sent = 0;
        while (stream.send(event)) {
            sent++;
            assertTrue(sent < 1000, "never dropped");
        }
        assertEquals(1, closed[0], "its connection is closed once");
        assertTrue(client.queued <= EventStream.MAX_QUEUED_BYTES + event.length(), "at most the cap waits: " + client.queued);
        assertFalse(stream.send(event), "nothing more is written");
        assertEquals(1, closed[0]);
    }

    @Test
    void aClientThatGoesAwayGetsNothingMore() {
        StuckClient client = new StuckClient();
        EventStream stream = new EventStream(client, () -> { });
        assertTrue(stream.send(": keep-alive\n\n"));
        stream.gone();
        assertFalse(stream.send(": keep-alive\n\n"));
        assertEquals(14, client.queued);
    }
}
