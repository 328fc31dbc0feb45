package io.branchline.engine.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/** File-system steps the store is built from: atomic writes, renames, fsync, deleting a tree. */
final class Disk {

    private Disk() {
    }

    private static final System.Logger LOG = System.getLogger("branchline.store");

    /** Writes {@code bytes} to {@code temp}, then renames it to {@code target}, so a reader sees all of it or nothing. */
    static void writeAtomically(FileAccess files, Path temp, Path target, byte[] bytes, boolean sync) throws IOException {
        try {
            files.write(temp, bytes, sync);
        } catch (IOException | RuntimeException e) {
            // A disk that filled up midway leaves a partial temporary file: never keep it.
            Files.deleteIfExists(temp);
            throw e;
        }
        move(temp, target);
    }

    static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Flushes a file's bytes to the device. */
    static void sync(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /** Flushes a folder's entries (a rename) to the device, where the platform allows it. */
    static void syncFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Some platforms cannot open a folder for fsync; the rename is still atomic there.
        }
    }

    /** Deletes what {@code folder} holds, logging what cannot be deleted. */
    static void clear(Path folder) {
        try (java.nio.file.DirectoryStream<Path> children = Files.newDirectoryStream(folder)) {
            for (Path child : children) {
                deleteQuietly(child);
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot clear " + folder + ": " + e.getMessage());
        }
    }

    /** Deletes a tree, logging (not throwing) when it cannot: the next open of the store tries again. */
    static void deleteQuietly(Path path) {
        try {
            deleteTree(path);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot delete " + path + " (the next open will): " + e.getMessage());
        }
    }

    /** Deletes a file or a folder with all it holds; a path already gone is fine. */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null && !(e instanceof NoSuchFileException)) {
                    throw e;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
