package io.branchline.renderer.provenance;

import io.branchline.renderer.encode.Boxes;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The top-level {@code uuid} box that carries a C2PA manifest store in an MP4 file or
 * fragment: the C2PA user type, a full-box header, the purpose {@code manifest}, an 8-byte
 * offset (0: no auxiliary box) and the JUMBF store. Branchline writes it last in the file, so
 * no other box moves when it is added.
 */
public final class ManifestBox {

    private static final byte[] PURPOSE = "manifest\0".getBytes(StandardCharsets.US_ASCII);

    private ManifestBox() {
    }

    /** The box around a manifest store. */
    public static byte[] of(byte[] store) {
        ByteArrayOutputStream payload = new ByteArrayOutputStream(store.length + 40);
        payload.writeBytes(userTypeBytes());
        payload.writeBytes(new byte[4]);
        payload.writeBytes(PURPOSE);
        payload.writeBytes(new byte[8]);
        payload.writeBytes(store);
        return Jumbf.box("uuid", payload.toByteArray());
    }

    /** {@code file} with its manifest box (if any) taken out and {@code box} put at the end. */
    public static byte[] replace(byte[] file, byte[] box) {
        byte[] bare = strip(file);
        byte[] out = Arrays.copyOf(bare, bare.length + box.length);
        System.arraycopy(box, 0, out, bare.length, box.length);
        return out;
    }

    /** {@code file} without its C2PA manifest boxes. */
    public static byte[] strip(byte[] file) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(file.length);
        boolean found = false;
        for (Boxes.Box b : Boxes.children(ByteBuffer.wrap(file), 0, file.length)) {
            if (isManifestBox(file, b)) {
                found = true;
            } else {
                out.write(file, b.start(), b.end() - b.start());
            }
        }
        return found ? out.toByteArray() : file;
    }

    /**
     * The manifest store in {@code file}, or null when it has none.
     *
     * @throws IllegalArgumentException when it has more than one, or one that is malformed
     */
    public static byte[] store(byte[] file) {
        byte[] found = null;
        for (Boxes.Box b : Boxes.children(ByteBuffer.wrap(file), 0, file.length)) {
            if (!isManifestBox(file, b)) {
                continue;
            }
            if (found != null) {
                throw new IllegalArgumentException("the file holds more than one C2PA manifest box");
            }
            int at = b.payload() + 16 + 4;
            if (at + PURPOSE.length + 8 > b.end() || !Arrays.equals(file, at, at + PURPOSE.length, PURPOSE, 0, PURPOSE.length)) {
                throw new IllegalArgumentException("the C2PA box at byte " + b.start() + " is not a manifest box (purpose 'manifest')");
            }
            found = Arrays.copyOfRange(file, at + PURPOSE.length + 8, b.end());
        }
        return found;
    }

    static boolean isManifestBox(byte[] file, Boxes.Box b) {
        byte[] user = userTypeBytes();
        return b.type().equals("uuid") && b.payload() + 16 <= b.end() && Arrays.equals(file, b.payload(), b.payload() + 16, user, 0, 16);
    }

    static byte[] userTypeBytes() {
        return ByteBuffer.allocate(16).putLong(C2pa.BOX_USER_TYPE.getMostSignificantBits())
                .putLong(C2pa.BOX_USER_TYPE.getLeastSignificantBits()).array();
    }
}
