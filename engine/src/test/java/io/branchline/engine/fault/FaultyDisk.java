package io.branchline.engine.fault;

import io.branchline.engine.store.FileAccess;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The real disk, made to fail the way disks do, on command: reads that fail as a process out of
 * file descriptors or without permission does, writes that fail as a full or read-only disk
 * does. Root (as CI runs) ignores file modes, so faults are injected here rather than with chmod.
 */
final class FaultyDisk implements FileAccess {

    private volatile Function<Path, IOException> readFault;
    private volatile String writeFault;
    /** Bytes that may still be written; below 0: no limit. */
    private final AtomicLong spaceLeft = new AtomicLong(-1);
    final AtomicInteger failedReads = new AtomicInteger();
    final AtomicInteger failedWrites = new AtomicInteger();

    /** Every read fails with a {@link FileSystemException} of this reason, as {@code strerror} words it. */
    void failReads(String reason) {
        readFault = path -> new FileSystemException(path.toString(), null, reason);
    }

    /** Every read fails with this exception (an {@link java.nio.file.AccessDeniedException}, say). */
    void failReads(Function<Path, IOException> fault) {
        readFault = fault;
    }

    /** Every write fails: "Read-only file system". */
    void readOnly() {
        writeFault = "Read-only file system";
    }

    /** Only {@code bytes} more may be written, then "No space left on device". */
    void spaceLeft(long bytes) {
        spaceLeft.set(bytes);
    }

    /** The condition clears: reads and writes work again, without limit. */
    void heal() {
        readFault = null;
        writeFault = null;
        spaceLeft.set(-1);
    }

    @Override
    public BasicFileAttributes attributes(Path file) throws IOException {
        failRead(file);
        return DISK.attributes(file);
    }

    @Override
    public InputStream read(Path file) throws IOException {
        failRead(file);
        return DISK.read(file);
    }

    @Override
    public void write(Path file, byte[] bytes, boolean sync) throws IOException {
        String fault = writeFault;
        if (fault == null && spaceLeft.get() >= 0 && spaceLeft.addAndGet(-bytes.length) < 0) {
            spaceLeft.set(0);
            fault = "No space left on device";
            // A full disk takes what fits, then fails: the store must not keep the torn file.
            DISK.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2), false);
        }
        if (fault != null) {
            failedWrites.incrementAndGet();
            throw new FileSystemException(file.toString(), null, fault);
        }
        DISK.write(file, bytes, sync);
    }

    private void failRead(Path file) throws IOException {
        Function<Path, IOException> fault = readFault;
        if (fault != null) {
            failedReads.incrementAndGet();
            throw fault.apply(file);
        }
    }
}
