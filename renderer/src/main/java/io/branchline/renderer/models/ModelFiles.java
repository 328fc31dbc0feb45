package io.branchline.renderer.models;

import io.branchline.renderer.ContentKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The files a model consists of and their identity. */
public final class ModelFiles {

    private ModelFiles() {
    }

    /**
     * The SHA-256 of a file, remembered while its size and modification time stay the same
     * (a 3 GB UNet is read once a process).
     */
    public static String sha256(Path file) {
        return ContentKey.fileHash(file);
    }

    /**
     * The identity of a set of files: the SHA-256 of their manifest, one line per file, sorted,
     * each its path relative to {@code root} (with {@code /}) and its own SHA-256.
     */
    public static String manifestHash(Path root, List<Path> files) {
        String manifest = files.stream()
                .map(f -> root.relativize(f).toString().replace('\\', '/') + " " + sha256(f))
                .sorted()
                .collect(Collectors.joining("\n", "", "\n"));
        return ContentKey.sha256(manifest);
    }

    /** The regular files directly inside {@code folder}, sorted; empty when it is missing. */
    public static List<Path> filesIn(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
