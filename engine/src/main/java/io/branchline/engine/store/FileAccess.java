package io.branchline.engine.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * How the store touches the bytes of its files: reading their attributes, opening them to be
 * hashed, writing them. The store only ever uses the {@link #DISK} one; tests put another in its
 * place (through {@link StoreOptions#files}) to make the disk fail as real ones do — "Too many
 * open files", "Permission denied", "No space left on device", "Read-only file system" — which
 * a process running as root cannot provoke with file modes.
 */
public interface FileAccess {

    /** The attributes of {@code file}, following no link. */
    BasicFileAttributes attributes(Path file) throws IOException;

    /** Opens {@code file} to read its bytes. */
    InputStream read(Path file) throws IOException;

    /** Creates or truncates {@code file} and writes {@code bytes} to it, forced to the device when {@code sync}. */
    void write(Path file, byte[] bytes, boolean sync) throws IOException;

    /** The real file system. */
    FileAccess DISK = new FileAccess() {
        @Override
        public BasicFileAttributes attributes(Path file) throws IOException {
            return Files.readAttributes(file, BasicFileAttributes.class, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        }

        @Override
        public InputStream read(Path file) throws IOException {
            return Files.newInputStream(file);
        }

        @Override
        public void write(Path file, byte[] bytes, boolean sync) throws IOException {
            try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                if (sync) {
                    out.force(true);
                }
            }
        }
    };
}
