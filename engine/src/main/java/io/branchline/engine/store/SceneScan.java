package io.branchline.engine.store;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What opening the store finds under {@code scenes/}: the complete visits, oldest written first,
 * and the damaged ones (a manifest that cannot be parsed, a listed file gone or of the wrong
 * size), which the store quarantines. What is not a visit at all is removed: a folder without a
 * manifest (a render a crash cut short), a stray file. A visit the disk cannot read now (too many
 * open files, permission denied) is neither: it is left where it is, unindexed, and a later render
 * of its key replaces it; a disk's bad moment never deletes a good visit.
 */
final class SceneScan {

    private static final System.Logger LOG = System.getLogger("branchline.store");

    /** A complete visit on disk, and what it takes. */
    record Found(SceneManifest manifest, Path folder, long bytes, long writtenMillis) {
    }

    /** A visit whose manifest or files are not what they should be. */
    record Damaged(Path folder, String file, String why) {
    }

    /** Everything found. */
    record Result(List<Found> found, List<Damaged> damaged) {
    }

    /** A visit's bytes disagree with its manifest (an {@link IOException} that is not the disk failing to answer). */
    static final class DamageException extends IOException {
        final String file;

        DamageException(String file, String why) {
            super(why);
            this.file = file;
        }
    }

    private SceneScan() {
    }

    static Result scan(Path scenes) throws IOException {
        List<Found> found = new ArrayList<>();
        List<Damaged> damaged = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(scenes)) {
            for (Path folder : children) {
                String name = folder.getFileName().toString();
                if (!Names.isKey(name) || !Files.isDirectory(folder)) {
                    LOG.log(Level.WARNING, "removing " + folder + ": not a scene visit");
                    Disk.deleteTree(folder);
                    continue;
                }
                try {
                    found.add(read(folder));
                } catch (NoSuchFileException e) {
                    LOG.log(Level.INFO, "removing the incomplete visit " + name + ": it has no " + SceneManifest.NAME);
                    Disk.deleteTree(folder);
                } catch (DamageException e) {
                    damaged.add(new Damaged(folder, e.file, e.getMessage()));
                } catch (IOException e) {
                    LOG.log(Level.WARNING, "cannot read the visit " + name + " now (" + e + "); it is left unserved, not deleted");
                }
            }
        }
        found.sort(Comparator.comparingLong(Found::writtenMillis));
        return new Result(found, damaged);
    }

    // Sizes only: hashing every file of every visit would make start-up slow; reads hash lazily.
    private static Found read(Path folder) throws IOException {
        SceneManifest manifest = SceneManifest.read(folder);
        Path manifestFile = folder.resolve(SceneManifest.NAME);
        long bytes = Files.size(manifestFile);
        for (SceneManifest.Entry e : manifest.files()) {
            long size;
            try {
                size = Files.size(folder.resolve(e.name()));
            } catch (NoSuchFileException gone) {
                throw new DamageException(e.name(), "missing");
            }
            if (size != e.size()) {
                throw new DamageException(e.name(), "size " + size + ", expected " + e.size());
            }
            bytes += size;
        }
        return new Found(manifest, folder, bytes, Files.getLastModifiedTime(manifestFile).toMillis());
    }
}
