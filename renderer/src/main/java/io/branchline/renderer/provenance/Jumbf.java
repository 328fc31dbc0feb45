package io.branchline.renderer.provenance;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * JUMBF (ISO/IEC 19566-5), the box format a C2PA manifest store is written in: a superbox
 * ({@code jumb}) holds a description box ({@code jumd}: a type UUID and a label) and content
 * boxes ({@code cbor} here), or further superboxes.
 */
public final class Jumbf {

    /** A superbox read back: its type and label, its content boxes and superboxes, and where its bytes lie. */
    public record Superbox(UUID type, String label, List<Superbox> boxes, List<Content> contents, byte[] source, int start, int end) {

        /** The bytes after the superbox's own 8-byte header: what a hashed URI to it is the hash of. */
        public byte[] inner() {
            return java.util.Arrays.copyOfRange(source, start + 8, end);
        }

        /** The superbox labelled {@code label} directly inside this one, or null. */
        public Superbox child(String label) {
            for (Superbox b : boxes) {
                if (label.equals(b.label())) {
                    return b;
                }
            }
            return null;
        }

        /** The payload of the first content box of type {@code type}, or null. */
        public byte[] content(String type) {
            for (Content c : contents) {
                if (c.type().equals(type)) {
                    return c.payload();
                }
            }
            return null;
        }
    }

    /** A content box: its four-letter type and payload. */
    public record Content(String type, byte[] payload) {
    }

    /** Description box toggles: requestable, and a label follows. */
    private static final int TOGGLES = 0x03;

    private Jumbf() {
    }

    /** A superbox of {@code type} labelled {@code label} around {@code children} (whole boxes). */
    public static byte[] superbox(UUID type, String label, List<byte[]> children) {
        ByteArrayOutputStream description = new ByteArrayOutputStream();
        ByteBuffer uuid = ByteBuffer.allocate(16).putLong(type.getMostSignificantBits()).putLong(type.getLeastSignificantBits());
        description.writeBytes(uuid.array());
        description.write(TOGGLES);
        description.writeBytes(label.getBytes(StandardCharsets.UTF_8));
        description.write(0);
        List<byte[]> all = new ArrayList<>();
        all.add(box("jumd", description.toByteArray()));
        all.addAll(children);
        return box("jumb", concat(all));
    }

    /** A content box of CBOR. */
    public static byte[] cbor(byte[] cbor) {
        return box("cbor", cbor);
    }

    /** A box: a 32-bit size, the type, the payload. */
    public static byte[] box(String type, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(8 + payload.length);
        b.putInt(8 + payload.length).put(type.getBytes(StandardCharsets.ISO_8859_1)).put(payload);
        return b.array();
    }

    static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }

    /**
     * The superbox at the start of {@code bytes}.
     *
     * @throws IllegalArgumentException when the bytes are not a well-formed superbox
     */
    public static Superbox read(byte[] bytes) {
        return read(bytes, 0, bytes.length);
    }

    private static Superbox read(byte[] bytes, int from, int to) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        int size = boxSize(b, from, to);
        if (!type(bytes, from).equals("jumb")) {
            throw new IllegalArgumentException("expected a JUMBF superbox (jumb) at byte " + from + ", found '" + type(bytes, from) + "'");
        }
        int end = from + size;
        int pos = from + 8;
        int dSize = boxSize(b, pos, end);
        if (!type(bytes, pos).equals("jumd") || dSize < 8 + 17) {
            throw new IllegalArgumentException("a JUMBF superbox at byte " + from + " does not start with its description box (jumd)");
        }
        UUID type = new UUID(b.getLong(pos + 8), b.getLong(pos + 16));
        int toggles = bytes[pos + 24] & 0xFF;
        String label = null;
        if ((toggles & 0x02) != 0) {
            int z = pos + 25;
            while (z < pos + dSize && bytes[z] != 0) {
                z++;
            }
            if (z >= pos + dSize) {
                throw new IllegalArgumentException("the label of a JUMBF description box at byte " + pos + " is not terminated");
            }
            label = new String(bytes, pos + 25, z - pos - 25, StandardCharsets.UTF_8);
        }
        pos += dSize;
        List<Superbox> boxes = new ArrayList<>();
        List<Content> contents = new ArrayList<>();
        while (pos < end) {
            int s = boxSize(b, pos, end);
            String t = type(bytes, pos);
            if (t.equals("jumb")) {
                boxes.add(read(bytes, pos, pos + s));
            } else {
                contents.add(new Content(t, java.util.Arrays.copyOfRange(bytes, pos + 8, pos + s)));
            }
            pos += s;
        }
        return new Superbox(type, label, List.copyOf(boxes), List.copyOf(contents), bytes, from, end);
    }

    private static int boxSize(ByteBuffer b, int pos, int limit) {
        if (pos + 8 > limit) {
            throw new IllegalArgumentException("a JUMBF box at byte " + pos + " is cut short");
        }
        long size = Integer.toUnsignedLong(b.getInt(pos));
        if (size < 8 || pos + size > limit) {
            throw new IllegalArgumentException("a JUMBF box at byte " + pos + " claims " + size + " bytes, more than there are");
        }
        return (int) size;
    }

    private static String type(byte[] bytes, int pos) {
        return new String(bytes, pos + 4, 4, StandardCharsets.ISO_8859_1);
    }
}
