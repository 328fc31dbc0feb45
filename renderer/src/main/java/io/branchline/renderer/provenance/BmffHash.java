package io.branchline.renderer.provenance;

import io.branchline.renderer.encode.Boxes;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The C2PA BMFF hash ({@code c2pa.hash.bmff.v3}) of an MP4 file or fragment: SHA-256 over
 * every top-level box but the C2PA manifest box, each box preceded by its offset in the file
 * as 8 bytes, so a box that moves changes the hash as much as one that changes.
 */
public final class BmffHash {

    private BmffHash() {
    }

    /** The hash of {@code file}, leaving out its C2PA manifest box. */
    public static byte[] of(byte[] file) {
        MessageDigest sha = sha256();
        ByteBuffer data = ByteBuffer.wrap(file);
        byte[] offset = new byte[8];
        for (Boxes.Box b : Boxes.children(data, 0, file.length)) {
            if (ManifestBox.isManifestBox(file, b)) {
                continue;
            }
            ByteBuffer.wrap(offset).putLong(b.start());
            sha.update(offset);
            sha.update(file, b.start(), b.end() - b.start());
        }
        return sha.digest();
    }

    /** The assertion's data: what is left out, the algorithm, the hash. */
    public static Map<String, Object> assertion(byte[] hash) {
        Map<String, Object> constraint = new LinkedHashMap<>();
        constraint.put("offset", 8);
        constraint.put("value", ManifestBox.userTypeBytes());
        Map<String, Object> exclusion = new LinkedHashMap<>();
        exclusion.put("xpath", "/uuid");
        exclusion.put("data", List.of(constraint));
        List<Object> exclusions = new ArrayList<>();
        exclusions.add(exclusion);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("exclusions", exclusions);
        data.put("alg", "sha256");
        data.put("hash", hash);
        return data;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
