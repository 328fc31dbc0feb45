package io.branchline.engine.store;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What opening the store finds under {@code scenes/}: the complete visits, oldest written first.
 * Everything else there is removed: a folder without a readable manifest (a render a crash cut
 * short), one whose files no longer have their recorded sizes, anything that is not a visit.
 */
final class SceneScan {

    private static final System.Logger LOG = System.getLogger("branchline.store");

    /** A complete visit on disk, and what it takes. */
    record Found(SceneManifest manifest, Path folder, long bytes, long writtenMillis) {
    }

    private SceneScan() {
    }

    static List<Found> scan(Path scenes) throws IOException {
        List<Found> found = new ArrayList<>();
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
                } catch (IOException e) {
                    LOG.log(Level.INFO, "removing the incomplete visit " + name + ": " + e.getMessage());
                    Disk.deleteTree(folder);
                }
            }
        }
        found.sort(Comparator.comparingLong(Found::writtenMillis));
        return found;
    }

    // Sizes only: hashing every file of every visit would make start-up slow; reads hash lazily.
    private static Found read(Path folder) throws IOException {
        SceneManifest manifest = SceneManifest.read(folder);
        Path manifestFile = folder.resolve(SceneManifest.NAME);
        long bytes = Files.size(manifestFile);
        for (SceneManifest.Entry e : manifest.files()) {
            long size = Files.size(folder.resolve(e.name()));
            if (size != e.size()) {
                throw new IOException(e.name() + " has " + size + " bytes, expected " + e.size());
            }
            bytes += size;
        }
        return new Found(manifest, folder, bytes, Files.getLastModifiedTime(manifestFile).toMillis());
    }
}
