package io.branchline.renderer.provenance;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CBOR as C2PA and COSE use it, on Jackson's CBOR codec: maps and arrays always of definite
 * length (a COSE signature is checked over bytes the verifier encodes again, so they must
 * match exactly), keys that are text or integers, byte strings, and tags.
 *
 * <p>Values written: {@link Map} (keys {@link String} or {@link Number}, in their order),
 * {@link List}, {@link String}, {@code byte[]}, {@link Number} (integers), {@link Boolean},
 * {@code null} and {@link Tagged}. Values read come back as the same types, integers as
 * {@link Long} (or {@link BigInteger} when larger), and map keys as text (an integer key as
 * its decimal digits).
 */
public final class Cbor {

    /** A tagged value (RFC 8949, section 3.4): COSE_Sign1 is tag 18. */
    public record Tagged(int tag, Object value) {
    }

    private static final CBORFactory FACTORY = CBORFactory.builder().build();

    private Cbor() {
    }

    /** The CBOR encoding of {@code value}. */
    public static byte[] encode(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (CBORGenerator g = FACTORY.createGenerator(out)) {
            write(g, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * The value encoded in {@code bytes}.
     *
     * @throws IllegalArgumentException when the bytes are not one whole CBOR value
     */
    public static Object decode(byte[] bytes) {
        try (CBORParser p = FACTORY.createParser(bytes)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new IllegalArgumentException("no CBOR value");
            }
            Object value = read(p, t);
            if (p.nextToken() != null) {
                throw new IllegalArgumentException("bytes left after the CBOR value");
            }
            return value;
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed CBOR: " + e.getMessage(), e);
        }
    }

    private static void write(CBORGenerator g, Object value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof Tagged) {
            Tagged t = (Tagged) value;
            g.writeTag(t.tag());
            write(g, t.value());
        } else if (value instanceof Map) {
            Map<?, ?> map = (Map<?, ?>) value;
            g.writeStartObject(map, map.size());
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (e.getKey() instanceof Number) {
                    g.writeFieldId(((Number) e.getKey()).longValue());
                } else {
                    g.writeFieldName((String) e.getKey());
                }
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else if (value instanceof List) {
            List<?> list = (List<?>) value;
            g.writeStartArray(list, list.size());
            for (Object o : list) {
                write(g, o);
            }
            g.writeEndArray();
        } else if (value instanceof String) {
            g.writeString((String) value);
        } else if (value instanceof byte[]) {
            g.writeBinary((byte[]) value);
        } else if (value instanceof Boolean) {
            g.writeBoolean((Boolean) value);
        } else if (value instanceof BigInteger) {
            g.writeNumber((BigInteger) value);
        } else if (value instanceof Double || value instanceof Float) {
            g.writeNumber(((Number) value).doubleValue());
        } else if (value instanceof Number) {
            g.writeNumber(((Number) value).longValue());
        } else {
            throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName() + " as CBOR");
        }
    }

    private static Object read(CBORParser p, JsonToken t) throws IOException {
        int tag = p.getCurrentTag();
        Object value = readUntagged(p, t);
        return tag >= 0 ? new Tagged(tag, value) : value;
    }

    private static Object readUntagged(CBORParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT: {
                Map<String, Object> map = new LinkedHashMap<>();
                for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
                    if (k != JsonToken.FIELD_NAME) {
                        throw new IllegalArgumentException("expected a map key, found " + k);
                    }
                    String key = p.currentName();
                    map.put(key, read(p, p.nextToken()));
                }
                return map;
            }
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                for (JsonToken v = p.nextToken(); v != JsonToken.END_ARRAY; v = p.nextToken()) {
                    list.add(read(p, v));
                }
                return list;
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_EMBEDDED_OBJECT:
                return p.getBinaryValue();
            case VALUE_NUMBER_INT:
                return p.getNumberType() == com.fasterxml.jackson.core.JsonParser.NumberType.BIG_INTEGER ? p.getBigIntegerValue()
                        : (Object) p.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new IllegalArgumentException("unexpected CBOR item " + t);
        }
    }
}
