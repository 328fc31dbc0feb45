package io.branchline.engine.studio;

import io.branchline.engine.policy.PromptPolicy;
import io.branchline.engine.stories.StoryEntry;
import io.branchline.renderer.AtomicFiles;
import io.branchline.story.CompileResult;
import io.branchline.story.StoryCompiler;
import io.branchline.story.check.SourceReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The studio's editor on the server: which files of a story may be read and written, a
 * compile of a story with one file's unsaved text in its place (nothing is written), and a
 * save that is refused when the file changed on disk since the editor opened it. Blocking
 * (it reads and writes files): call it from a worker thread.
 */
public final class StudioSources {

    /** The largest text the studio compiles or saves, in UTF-8 bytes. */
    public static final int MAX_TEXT_BYTES = 1024 * 1024;

    /** What a save did. */
    public sealed interface Saved {
    }

    /** Written; {@code version} is the file's new version. */
    public record Written(String version) implements Saved {
    }

    /** Refused: the file on disk is at {@code current}, not at the version the editor opened. */
    public record Changed(String current) implements Saved {
    }

    private final Path storiesFolder;

    /** {@code storiesFolder}: the folder diagnostics name files from. */
    public StudioSources(Path storiesFolder) {
        this.storiesFolder = storiesFolder.toAbsolutePath().normalize();
    }

    /**
     * One of the story's own files (its main file or one it includes), named as its scenes name
     * it (from the story's folder) or as its diagnostics do (from the stories folder); empty
     * for any other name, a path out of the folder ({@code ../}) included.
     */
    public Optional<Path> file(StoryEntry entry, String name) {
        if (name == null || name.isEmpty() || name.length() > 1024 || name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return Optional.empty();
        }
        List<Path> sources = sources(entry);
        return Stream.of(folder(entry), storiesFolder).map(base -> resolve(base, name)).filter(Objects::nonNull)
                .filter(sources::contains).findFirst();
    }

    /** The story's files as its scenes name them (from the story's folder), the main file first. */
    public List<String> names(StoryEntry entry) {
        Path folder = folder(entry);
        return sources(entry).stream().map(p -> folder.relativize(p).toString().replace('\\', '/')).toList();
    }

    /** {@code file} as its scenes name it; {@code null} when it is none of the story's files. */
    public String name(StoryEntry entry, String diagnosticFile) {
        return file(entry, diagnosticFile).map(p -> folder(entry).relativize(p).toString().replace('\\', '/')).orElse(null);
    }

    /** A version of a file's bytes: changes whenever they change. */
    public static String version(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** Compiles the story as the server does, with {@code file}'s text replaced by {@code text}; writes nothing. */
    public CompileResult check(StoryEntry entry, Path file, String text) {
        Path main = entry.mainFile().toAbsolutePath().normalize();
        SourceReader overlay = new Overlay(file, text);
        return StoryCompiler.compile(main, storiesFolder.relativize(main).toString(), overlay, PromptPolicy.configured().forStories());
    }

    /**
     * Writes {@code text} to {@code file} (a temporary file moved into place) unless the file
     * on disk is no longer at {@code openedVersion}. Saves of the studio are one at a time, so
     * two editors cannot both pass the check and overwrite each other.
     */
    public synchronized Saved save(Path file, String text, String openedVersion) throws IOException {
        String current;
        try {
            current = version(Files.readAllBytes(file));
        } catch (java.nio.file.NoSuchFileException gone) {
            return new Changed("none (the file was removed)");
        }
        if (!current.equals(openedVersion)) {
            return new Changed(current);
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, bytes);
        return new Written(version(bytes));
    }

    private static List<Path> sources(StoryEntry entry) {
        return entry.result().sources().stream().map(p -> p.toAbsolutePath().normalize()).toList();
    }

    private static Path folder(StoryEntry entry) {
        return entry.mainFile().toAbsolutePath().normalize().getParent();
    }

    private static Path resolve(Path base, String name) {
        try {
            return base.resolve(name).normalize();
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /** The disk, but for one file whose text is held in memory. */
    private record Overlay(Path replaced, String text) implements SourceReader {

        @Override
        public Result read(Path path) {
            return isReplaced(path) ? SourceReader.decode(text.getBytes(StandardCharsets.UTF_8)) : DISK.read(path);
        }

        @Override
        public boolean exists(Path path) {
            return isReplaced(path) || DISK.exists(path);
        }

        @Override
        public boolean isFile(Path path) {
            return isReplaced(path) || DISK.isFile(path);
        }

        @Override
        public boolean staysInside(Path path, Path root) {
            return DISK.staysInside(path, root);
        }

        private boolean isReplaced(Path path) {
            return path.toAbsolutePath().normalize().equals(replaced);
        }
    }
}
