package io.branchline.engine.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Checks files against their recorded size and SHA-256, and remembers a file it found good for as
 * long as its size, modification time and identity (inode) stay the same, so a segment read
 * a thousand times is hashed once. A file changed in place without a new modification time
 * is not noticed; anything that rewrites it through the file system is.
 */
final class FileVerifier {

    private record Stamp(long size, long modifiedNanos, Object fileKey, String sha256) {
    }

    private final ConcurrentHashMap<Path, Stamp> verified = new ConcurrentHashMap<>();
    private final AtomicLong hashed = new AtomicLong();

    /** Why {@code file} is not what was recorded, or null when it is. */
    String problem(Path file, long size, String sha256) {
        BasicFileAttributes before;
        try {
            before = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return "missing";
        } catch (IOException e) {
            return "unreadable: " + e.getMessage();
        }
        if (!before.isRegularFile()) {
            return "not a regular file";
        }
        if (before.size() != size) {
            return "size " + before.size() + ", expected " + size;
        }
        Stamp now = stamp(before, sha256);
        if (now.equals(verified.get(file))) {
            return null;
        }
        String actual;
        try {
            actual = sha256(file);
        } catch (NoSuchFileException e) {
            return "missing";
        } catch (IOException e) {
            return "unreadable: " + e.getMessage();
        }
        if (!actual.equals(sha256)) {
            verified.remove(file);
            return "SHA-256 " + actual + ", expected " + sha256;
        }
        verified.put(file, now);
        return null;
    }

    /** Records that {@code file} as it is now holds bytes with this hash (the store wrote them itself). */
    void trust(Path file, String sha256) {
        try {
            verified.put(file, stamp(Files.readAttributes(file, BasicFileAttributes.class), sha256));
        } catch (IOException e) {
            verified.remove(file);
        }
    }

    /** Forgets every file under {@code folder}. */
    void forget(Path folder) {
        verified.keySet().removeIf(p -> p.startsWith(folder));
    }

    /** How many times a file was hashed in full. */
    long hashed() {
        return hashed.get();
    }

    private String sha256(Path file) throws IOException {
        hashed.incrementAndGet();
        MessageDigest sha = newDigest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(newDigest().digest(bytes));
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Stamp stamp(BasicFileAttributes a, String sha256) {
        return new Stamp(a.size(), a.lastModifiedTime().to(TimeUnit.NANOSECONDS), Objects.requireNonNullElse(a.fileKey(), ""), sha256);
    }
}
