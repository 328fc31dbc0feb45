package io.branchline.engine.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Checks files against their recorded size and SHA-256, and tells a damaged file (its bytes are
 * not the recorded ones, or it is gone) from a disk that cannot answer (an {@link IOException}
 * such as "Too many open files": the caller must not take that for damage).
 *
 * <p>The trade-off: hashing a 100 kB segment on every read would cost more than sending it, so
 * a file found good is trusted while its size, modification time and inode stay the same, but
 * only for a while: it is hashed again after {@link StoreOptions#recheckAfter} or {@link
 * StoreOptions#recheckReads} reads, whichever comes first (each file's limits lowered by up to a
 * quarter at random, so files verified together are not all hashed again together). Bytes
 * changed in place with the same size and time (a bad sector, a careless tool that restores the
 * time) are therefore served for at most that window, not for ever. Nothing is trusted across a
 * restart: the memory of what was verified lives in this object, so every file is hashed before
 * it is first served by a new process. A file the store wrote itself is trusted from the hash
 * taken of the bytes as they were written.
 */
final class FileVerifier {

    private static final class Stamp {
        final long size;
        final long modifiedNanos;
        final Object fileKey;
        final String sha256;
        final long dueNanos;
        final int dueReads;
        final AtomicInteger reads = new AtomicInteger();

        Stamp(BasicFileAttributes a, String sha256, long dueNanos, int dueReads) {
            this.size = a.size();
            this.modifiedNanos = a.lastModifiedTime().to(TimeUnit.NANOSECONDS);
            this.fileKey = Objects.requireNonNullElse(a.fileKey(), "");
            this.sha256 = sha256;
            this.dueNanos = dueNanos;
            this.dueReads = dueReads;
        }

        boolean sameFile(BasicFileAttributes a, String expected) {
            return size == a.size() && modifiedNanos == a.lastModifiedTime().to(TimeUnit.NANOSECONDS)
                    && fileKey.equals(Objects.requireNonNullElse(a.fileKey(), "")) && sha256.equals(expected);
        }
    }

    private final FileAccess files;
    private final StoreOptions options;
    private final long recheckNanos;
    private final ConcurrentHashMap<Path, Stamp> verified = new ConcurrentHashMap<>();
    private final AtomicLong hashed = new AtomicLong();

    FileVerifier(StoreOptions options) {
        this.files = options.files();
        this.options = options;
        this.recheckNanos = options.recheckAfter().toNanos();
    }

    /**
     * Why {@code file} is not what was recorded ("missing", "size 10, expected 12", "SHA-256 …"),
     * or null when it is.
     *
     * @throws IOException when the disk could not say (the file may well be good)
     */
    String problem(Path file, long size, String sha256) throws IOException {
        BasicFileAttributes before;
        try {
            before = files.attributes(file);
        } catch (NoSuchFileException e) {
            return "missing";
        }
        if (!before.isRegularFile()) {
            return "not a regular file";
        }
        if (before.size() != size) {
            return "size " + before.size() + ", expected " + size;
        }
        long now = options.nanoClock().getAsLong();
        Stamp known = verified.get(file);
        if (known != null && known.sameFile(before, sha256) && now - known.dueNanos < 0
                && known.reads.incrementAndGet() <= known.dueReads) {
            return null;
        }
        String actual;
        try {
            actual = sha256(file);
        } catch (NoSuchFileException e) {
            return "missing";
        }
        if (!actual.equals(sha256)) {
            verified.remove(file);
            return "SHA-256 " + actual + ", expected " + sha256;
        }
        verified.put(file, stamp(before, sha256, now));
        return null;
    }

    /** Records that {@code file} as it is now holds bytes with this hash (the store wrote them itself). */
    void trust(Path file, String sha256) {
        try {
            verified.put(file, stamp(files.attributes(file), sha256, options.nanoClock().getAsLong()));
        } catch (IOException e) {
            verified.remove(file); // checked in full at its first read instead
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

    private Stamp stamp(BasicFileAttributes a, String sha256, long now) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long due = now + recheckNanos - (recheckNanos >= 4 ? random.nextLong(recheckNanos / 4) : 0);
        int reads = options.recheckReads() - (options.recheckReads() >= 4 ? random.nextInt(options.recheckReads() / 4) : 0);
        return new Stamp(a, sha256, due, reads);
    }

    private String sha256(Path file) throws IOException {
        hashed.incrementAndGet();
        MessageDigest sha = newDigest();
        try (InputStream in = files.read(file)) {
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
}
