package io.branchline.engine.store;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Where damaged visits go instead of being deleted: {@code ROOT/quarantine/STAMP-KEY/} holds
 * the visit's files as they were found and {@code QUARANTINED.txt} saying which file failed and
 * why, for someone to inspect. Nothing there is ever served or scanned. It is bounded, in visits
 * and in bytes: the oldest go first, so a disk that damages everything cannot fill up with its
 * victims.
 */
final class Quarantine {

    private static final System.Logger LOG = System.getLogger("branchline.store");
    static final String NOTE = "QUARANTINED.txt";

    private final Path folder;
    private final int maxVisits;
    private final long maxBytes;
    private final AtomicLong admitted = new AtomicLong();

    Quarantine(Path folder, int maxVisits, long maxBytes) throws IOException {
        this.folder = Files.createDirectories(folder);
        this.maxVisits = maxVisits;
        this.maxBytes = maxBytes;
    }

    /**
     * Moves the visit folder {@code visit} here in one rename; returns where it went, or null when
     * it could not be moved (a read-only disk): it is then left where it was, and the caller takes
     * it out of use without touching it.
     */
    Path admit(Path visit, String key) {
        // The stamp first, zero-padded, so that names sort oldest first; the counter keeps two in one millisecond apart.
        Path target = folder.resolve(String.format("%013d-%04d-%s", System.currentTimeMillis(), admitted.incrementAndGet() % 10_000, key));
        try {
            Files.move(visit, target, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot move the damaged visit " + visit + " into " + folder + ", leaving it unserved where it is: "
                    + e.getMessage());
            return null;
        }
    }

    /** Writes why the visit at {@code place} was taken out of use, then drops the oldest visits over the bounds. */
    void note(Path place, String file, String why) {
        String text = "quarantined " + Instant.now() + "\nfile: " + file + "\nreason: " + why + "\n";
        try {
            Files.write(place.resolve(NOTE), text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot write the note of " + place + ": " + e.getMessage());
        }
        trim();
    }

    /** Deletes the oldest quarantined visits until at most {@code maxVisits} and {@code maxBytes} are kept. */
    void trim() {
        List<Path> kept = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(folder)) {
            children.forEach(kept::add);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot list " + folder + ": " + e.getMessage());
            return;
        }
        kept.sort(Comparator.comparing(p -> p.getFileName().toString()));
        long bytes = 0;
        List<Long> sizes = new ArrayList<>();
        for (Path p : kept) {
            long size = bytes(p);
            sizes.add(size);
            bytes += size;
        }
        for (int i = 0; i < kept.size() && (kept.size() - i > maxVisits || bytes > maxBytes); i++) {
            Disk.deleteQuietly(kept.get(i));
            bytes -= sizes.get(i);
        }
    }

    /** The quarantined visits, oldest first (for tests and for people). */
    List<Path> visits() throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        }
    }

    private static long bytes(Path tree) {
        try (Stream<Path> files = Files.walk(tree)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0;
        }
    }
}
