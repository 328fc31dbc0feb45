package io.branchline.engine.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The engine's store of rendered scene visits on local disk, addressed by content key:
 * {@code ROOT/scenes/KEY/} holds a complete visit (init.mp4, seg-NNNNN.m4s, captions.vtt,
 * index.m3u8 and the manifest scene.json that lists each file's size and SHA-256). Renders in
 * progress live in {@code ROOT/staging/}, visits being deleted pass through {@code ROOT/trash/};
 * opening the store clears both, so nothing half-written is ever served after a crash.
 *
 * <p>Every file is checked against its manifest before it is handed out; a file that fails is
 * treated as missing and its visit is deleted so it is rendered again. The store keeps under
 * {@code maxBytes} by deleting the least recently read complete visits, never one that is
 * pinned. All methods are thread-safe and block on disk: call them from worker threads.
 */
public final class SegmentStore implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("branchline.store");

    /** A complete visit in the index. */
    private static final class Visit {
        final SceneManifest manifest;
        final Path folder;
        final StoredScene view;
        volatile long lastUsed;

        Visit(SceneManifest manifest, Path folder, long bytes, long lastUsed) {
            this.manifest = manifest;
            this.folder = folder;
            this.view = new StoredScene(manifest.key(), manifest.frames(), manifest.segments(),
                    manifest.files().stream().map(SceneManifest.Entry::name).toList(), bytes);
            this.lastUsed = lastUsed;
        }
    }

    /** A visit taken out of the index, its folder already renamed into the trash. */
    private record Removal(Visit visit, Path grave) {
    }

    private final Path root;
    private final Path scenes;
    private final Path staging;
    private final Path trash;
    private final long maxBytes;
    private final StoreListener listener;
    private final FileChannel lockFile;
    private final FileLock rootLock;
    private final FileVerifier verifier = new FileVerifier();
    private final Map<String, Visit> visits = new ConcurrentHashMap<>();
    private final Map<String, Set<SceneWriter>> writing = new ConcurrentHashMap<>();
    private final AtomicLong clock = new AtomicLong();
    private final AtomicLong evictions = new AtomicLong();
    private final AtomicLong quarantines = new AtomicLong();
    private final AtomicLong writerIds = new AtomicLong();
    // Guards every change to visits, pins, totalBytes and the folders under scenes/.
    private final Object lock = new Object();
    private final Map<String, Set<String>> pins = new HashMap<>();
    private volatile long totalBytes;
    private volatile boolean closed;

    private SegmentStore(Path root, long maxBytes, StoreListener listener, FileChannel lockFile, FileLock rootLock) {
        this.root = root;
        this.scenes = root.resolve("scenes");
        this.staging = root.resolve("staging");
        this.trash = root.resolve("trash");
        this.maxBytes = maxBytes;
        this.listener = listener;
        this.lockFile = lockFile;
        this.rootLock = rootLock;
    }

    /** Opens the store at {@code root}, creating it if needed; see {@link #open(Path, long, StoreListener)}. */
    public static SegmentStore open(Path root, long maxBytes) throws IOException {
        return open(root, maxBytes, StoreListener.NONE);
    }

    /**
     * Opens the store at {@code root}: takes the folder for this process, removes whatever a crash
     * left half-done (renders without a manifest, temporary files, visits whose files no longer
     * match their manifest's sizes), indexes the complete visits (the most recently written
     * counting as the most recently used) and evicts down to {@code maxBytes}.
     *
     * @throws IllegalStateException when another store holds {@code root} open
     */
    public static SegmentStore open(Path root, long maxBytes, StoreListener listener) throws IOException {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must not be negative, got " + maxBytes);
        }
        Files.createDirectories(root);
        FileChannel lockFile = FileChannel.open(root.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock rootLock;
        try {
            rootLock = lockFile.tryLock();
        } catch (OverlappingFileLockException e) {
            rootLock = null;
        }
        if (rootLock == null) {
            lockFile.close();
            throw new IllegalStateException("the segment store " + root + " is already open");
        }
        SegmentStore store = new SegmentStore(root, maxBytes, listener, lockFile, rootLock);
        try {
            store.recover();
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    private void recover() throws IOException {
        Files.createDirectories(scenes);
        Files.createDirectories(staging);
        Files.createDirectories(trash);
        clear(staging);
        clear(trash);
        List<SceneScan.Found> found = SceneScan.scan(scenes);
        List<Removal> dropped;
        synchronized (lock) {
            long total = 0;
            for (SceneScan.Found f : found) {
                visits.put(f.manifest().key(), new Visit(f.manifest(), f.folder(), f.bytes(), clock.incrementAndGet()));
                total += f.bytes();
            }
            totalBytes = total;
            dropped = evictLocked(null);
        }
        finishEvictions(dropped);
    }

    /**
     * Starts writing a render of the visit {@code key}. The writer works in a folder of its own, so
     * several may write the same key at once; the first to commit wins.
     */
    public SceneWriter writer(String key) {
        Names.key(key);
        if (closed) {
            throw new IllegalStateException("the segment store " + root + " is closed");
        }
        Path folder = staging.resolve(key + "-" + writerIds.incrementAndGet());
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a render of " + key + ": " + e.getMessage(), e);
        }
        SceneWriter writer = new SceneWriter(this, key, folder);
        writing.computeIfAbsent(key, k -> new CopyOnWriteArraySet<>()).add(writer);
        return writer;
    }

    /** The complete visit {@code key}, if the store has it; counts as a use. */
    public Optional<StoredScene> scene(String key) {
        Visit v = visits.get(Names.key(key));
        if (v == null) {
            return Optional.empty();
        }
        v.lastUsed = clock.incrementAndGet();
        return Optional.of(v.view);
    }

    /**
     * The file {@code name} of the complete visit {@code key}, checked against its recorded size and
     * SHA-256 (a file found good is not hashed again until its size or modification time changes).
     * A file that fails the check is reported missing and its whole visit is removed.
     */
    public Optional<StoredFile> file(String key, String name) {
        Names.key(key);
        Names.file(name);
        Visit v = visits.get(key);
        if (v == null) {
            return Optional.empty();
        }
        SceneManifest.Entry entry = v.manifest.entry(name);
        if (entry == null) {
            return Optional.empty();
        }
        v.lastUsed = clock.incrementAndGet();
        Path path = v.folder.resolve(name);
        String problem = verifier.problem(path, entry.size(), entry.sha256());
        if (problem != null) {
            quarantine(v, name, problem);
            return Optional.empty();
        }
        return Optional.of(new StoredFile(path, entry.size(), entry.sha256(), StoredFile.contentType(name)));
    }

    /**
     * The file {@code name} of the visit {@code key} as soon as it exists: from the complete visit
     * if there is one, otherwise from a render in progress once that file is finished (its size
     * and SHA-256 are those the writer wrote). This is how the first segment is streamed while the
     * rest render; a path from a render in progress moves when the render commits, so a reader
     * that cannot open it asks again.
     */
    public Optional<StoredFile> partial(String key, String name) {
        Optional<StoredFile> complete = file(key, name);
        if (complete.isPresent()) {
            return complete;
        }
        for (SceneWriter w : writing.getOrDefault(key, Set.of())) {
            StoredFile f = w.partial(name);
            if (f != null) {
                return Optional.of(f);
            }
        }
        // A render may have committed between the two looks.
        return file(key, name);
    }

    /** Whether a render of {@code key} is in progress. */
    public boolean rendering(String key) {
        return !writing.getOrDefault(Names.key(key), Set.of()).isEmpty();
    }

    /**
     * Keeps the visit {@code key} from eviction until {@code owner} unpins it. A key may be pinned
     * before it is rendered, and by several owners; pinning twice by one owner is one pin. Pinned
     * visits may hold the store over its bound.
     */
    public void pin(String key, String owner) {
        Names.key(key);
        if (owner == null) {
            throw new IllegalArgumentException("a pin needs an owner");
        }
        synchronized (lock) {
            pins.computeIfAbsent(key, k -> new HashSet<>()).add(owner);
        }
    }

    /** Takes away {@code owner}'s pin on {@code key}; the store may then evict it to get under its bound. */
    public void unpin(String key, String owner) {
        Names.key(key);
        List<Removal> dropped;
        synchronized (lock) {
            Set<String> owners = pins.get(key);
            if (owners == null || !owners.remove(owner)) {
                return;
            }
            if (owners.isEmpty()) {
                pins.remove(key);
            }
            dropped = evictLocked(null);
        }
        finishEvictions(dropped);
    }

    /** Whether anyone pins {@code key}. */
    public boolean pinned(String key) {
        Names.key(key);
        synchronized (lock) {
            return pins.containsKey(key);
        }
    }

    /** Bytes on disk of the complete visits (renders in progress not counted). */
    public long totalBytes() {
        return totalBytes;
    }

    /** The size bound given at {@link #open}. */
    public long maxBytes() {
        return maxBytes;
    }

    /** Visits evicted to keep under the bound since the store was opened. */
    public long evictions() {
        return evictions.get();
    }

    /** Visits removed because a file failed its check since the store was opened. */
    public long quarantines() {
        return quarantines.get();
    }

    /** Full hashes of stored files done to check them (a hot file is hashed once). */
    long hashed() {
        return verifier.hashed();
    }

    /** Releases the store's folder for another process. Renders still in progress are left for the next {@link #open} to clear. */
    @Override
    public void close() throws IOException {
        closed = true;
        try {
            if (rootLock.isValid()) {
                rootLock.release();
            }
        } finally {
            lockFile.close();
        }
    }

    /** Called by a writer's commit: moves its finished folder into place as a complete visit. */
    StoredScene install(SceneWriter writer, Path folder, SceneManifest manifest) throws IOException {
        String key = manifest.key();
        long bytes = Files.size(folder.resolve(SceneManifest.NAME));
        for (SceneManifest.Entry e : manifest.files()) {
            bytes += e.size();
        }
        Path target = scenes.resolve(key);
        Visit existing;
        Visit added = null;
        List<Removal> dropped = List.of();
        synchronized (lock) {
            existing = visits.get(key);
            if (existing == null) {
                moveIntoPlace(folder, target);
                Disk.syncFolder(scenes);
                added = new Visit(manifest, target, bytes, clock.incrementAndGet());
                visits.put(key, added);
                totalBytes += bytes;
                writer.movedTo(target);
                dropped = evictLocked(key);
            } else {
                existing.lastUsed = clock.incrementAndGet();
            }
            unregister(writer);
        }
        if (added != null) {
            // The writer hashed these bytes as it wrote them; no need to read them back.
            for (SceneManifest.Entry e : manifest.files()) {
                verifier.trust(target.resolve(e.name()), e.sha256());
            }
        } else {
            deleteQuietly(folder);
        }
        finishEvictions(dropped);
        return (added != null ? added : existing).view;
    }

    /** Called by a writer's abort. */
    void discard(SceneWriter writer, Path folder) {
        synchronized (lock) {
            unregister(writer);
        }
        deleteQuietly(folder);
    }

    private void unregister(SceneWriter writer) {
        writing.computeIfPresent(writer.key(), (k, set) -> {
            set.remove(writer);
            return set.isEmpty() ? null : set;
        });
    }

    private void moveIntoPlace(Path folder, Path target) throws IOException {
        try {
            Files.move(folder, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            // A folder the index does not know (a delete that failed): it is never served, replace it.
            LOG.log(Level.WARNING, "replacing the unindexed folder " + target);
            Disk.deleteTree(target);
            Files.move(folder, target, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private void quarantine(Visit v, String name, String problem) {
        Removal removal;
        synchronized (lock) {
            if (!visits.remove(v.manifest.key(), v)) {
                return; // evicted or replaced meanwhile: nothing to condemn
            }
            totalBytes -= v.view.totalBytes();
            removal = moveToTrash(v);
        }
        quarantines.incrementAndGet();
        LOG.log(Level.WARNING, "removing the visit " + v.manifest.key() + ": " + name + " does not match its manifest (" + problem + ")");
        finishRemoval(removal);
        listener.quarantined(v.manifest.key(), name, problem);
    }

    /** Removes least recently used unpinned visits, except {@code spare}, until under the bound. */
    private List<Removal> evictLocked(String spare) {
        List<Removal> dropped = new ArrayList<>();
        while (totalBytes > maxBytes) {
            Visit oldest = null;
            for (Visit v : visits.values()) {
                String key = v.manifest.key();
                if (!key.equals(spare) && !pins.containsKey(key) && (oldest == null || v.lastUsed < oldest.lastUsed)) {
                    oldest = v;
                }
            }
            if (oldest == null) {
                break;
            }
            visits.remove(oldest.manifest.key());
            totalBytes -= oldest.view.totalBytes();
            dropped.add(moveToTrash(oldest));
        }
        return dropped;
    }

    private void finishEvictions(List<Removal> dropped) {
        for (Removal r : dropped) {
            evictions.incrementAndGet();
            finishRemoval(r);
            listener.evicted(r.visit().manifest.key(), r.visit().view.totalBytes());
        }
    }

    // Renamed under the lock so that a commit of the same key never meets a half-deleted folder.
    private Removal moveToTrash(Visit v) {
        Path grave = trash.resolve(v.manifest.key() + "-" + writerIds.incrementAndGet());
        try {
            Files.move(v.folder, grave, StandardCopyOption.ATOMIC_MOVE);
            return new Removal(v, grave);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot move " + v.folder + " to the trash, deleting it in place: " + e.getMessage());
            deleteQuietly(v.folder);
            return new Removal(v, v.folder);
        }
    }

    // Deleting the files themselves is slow and happens outside the lock.
    private void finishRemoval(Removal r) {
        verifier.forget(r.visit().folder);
        deleteQuietly(r.grave());
    }

    private static void clear(Path folder) {
        try (DirectoryStream<Path> children = Files.newDirectoryStream(folder)) {
            for (Path child : children) {
                deleteQuietly(child);
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot clear " + folder + ": " + e.getMessage());
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Disk.deleteTree(path);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot delete " + path + " (the next open will): " + e.getMessage());
        }
    }
}
