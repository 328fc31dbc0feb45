package io.branchline.renderer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Branchline's folder in the user's cache ({@code $XDG_CACHE_HOME/branchline}, or
 * {@code ~/.cache/branchline}): files a library would otherwise write to a new temporary file at
 * every start and leave behind when the process is killed (ONNX Runtime's native libraries, the
 * fonts Java2D copies out of a stream), written there once instead.
 */
public final class UserCache {

    /** Opens what a cached file is copied from. */
    @FunctionalInterface
    public interface Source {
        InputStream open() throws IOException;
    }

    private UserCache() {
    }

    /** {@code $XDG_CACHE_HOME/branchline}, or {@code ~/.cache/branchline}. */
    public static Path root() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("branchline");
    }

    /**
     * Copies {@code source} to {@code target} unless a file of {@code size} bytes is there already:
     * written under a temporary name in the same folder, then moved into place, so a crash or a
     * second process never leaves a part of it under its real name.
     */
    public static void copyOnce(Path target, long size, Source source) throws IOException {
        if (Files.isRegularFile(target) && Files.size(target) == size) {
            return;
        }
        Files.createDirectories(target.getParent());
        Path part = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
        try (InputStream in = source.open()) {
            Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(part);
        }
    }
}
