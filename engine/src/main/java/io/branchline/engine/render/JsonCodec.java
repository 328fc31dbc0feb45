package io.branchline.engine.render;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.branchline.story.model.StoryJson;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Carries a record over the event bus as JSON: as is within one process, as bytes between
 * the machines of a clustered event bus.
 */
public final class JsonCodec<T> implements MessageCodec<T, T> {

    private static final ObjectMapper JSON = StoryJson.mapper();

    private final Class<T> type;

    public JsonCodec(Class<T> type) {
        this.type = type;
    }

    @Override
    public void encodeToWire(Buffer buffer, T value) {
        try {
            byte[] bytes = JSON.writeValueAsBytes(value);
            buffer.appendInt(bytes.length).appendBytes(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public T decodeFromWire(int pos, Buffer buffer) {
        int length = buffer.getInt(pos);
        try {
            return JSON.readValue(buffer.getBytes(pos + 4, pos + 4 + length), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public T transform(T value) {
        return value;
    }

    @Override
    public String name() {
        return "branchline-json-" + type.getSimpleName();
    }

    @Override
    public byte systemCodecID() {
        return -1;
    }
}
