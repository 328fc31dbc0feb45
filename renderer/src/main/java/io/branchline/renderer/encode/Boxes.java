package io.branchline.renderer.encode;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Walks ISO BMFF (MP4) boxes: enough to read timescales and move fragment times. */
public final class Boxes {

    /** A box: its four-letter type and where its payload lies in the buffer. */
    public record Box(String type, int start, int payload, int end) {
    }

    private Boxes() {
    }

    /** The boxes directly inside {@code [from, to)}. */
    public static List<Box> children(ByteBuffer data, int from, int to) {
        List<Box> boxes = new ArrayList<>();
        int pos = from;
        while (pos + 8 <= to) {
            long size = Integer.toUnsignedLong(data.getInt(pos));
            byte[] type = new byte[4];
            for (int i = 0; i < 4; i++) {
                type[i] = data.get(pos + 4 + i);
            }
            int header = 8;
            if (size == 1) {
                size = data.getLong(pos + 8);
                header = 16;
            } else if (size == 0) {
                size = to - pos;
            }
            if (size < header || pos + size > to) {
                throw new IllegalArgumentException("malformed MP4 box at byte " + pos);
            }
            boxes.add(new Box(new String(type, StandardCharsets.ISO_8859_1), pos, pos + header, (int) (pos + size)));
            pos += (int) size;
        }
        return boxes;
    }

    public static Box first(ByteBuffer data, Box parent, String type) {
        for (Box b : children(data, parent.payload(), parent.end())) {
            if (b.type().equals(type)) {
                return b;
            }
        }
        return null;
    }

    public static List<Box> all(ByteBuffer data, Box parent, String type) {
        return children(data, parent.payload(), parent.end()).stream().filter(b -> b.type().equals(type)).toList();
    }
}
