package io.branchline.engine.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;

/**
 * One client's server-sent events, written only while the client reads them: when more than
 * {@link #MAX_QUEUED_BYTES} wait unsent, the client is taken to have stopped reading and its
 * connection is closed, rather than let the server buffer events for it without end. A
 * browser's EventSource then reconnects and starts again from the current state.
 */
final class EventStream {

    /** Unsent bytes a client may have waiting; far more than its events between two reads. */
    static final int MAX_QUEUED_BYTES = 64 * 1024;

    private final WriteStream<Buffer> out;
    private final Runnable close;
    private boolean closed;

    /** Events go to {@code out}; {@code close} drops the client's connection. */
    EventStream(WriteStream<Buffer> out, Runnable close) {
        this.out = out;
        this.close = close;
        out.setWriteQueueMaxSize(MAX_QUEUED_BYTES);
    }

    /** Sends {@code text} (whole events); false when the client is gone or was dropped for not reading. */
    boolean send(String text) {
        if (closed) {
            return false;
        }
        if (out.writeQueueFull()) {
            closed = true;
            close.run();
            return false;
        }
        out.write(Buffer.buffer(text));
        return true;
    }

    /** Whether the stream was dropped. */
    boolean closed() {
        return closed;
    }

    /** Notes that the client went away, so nothing more is written. */
    void gone() {
        closed = true;
    }
}
