package io.branchline.engine.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryNotEmptyException;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The engine's store of rendered scene visits on local disk, addressed by content key:
 * {@code ROOT/scenes/KEY/} holds a complete visit (init.mp4, seg-NNNNN.m4s, captions.vtt,
 * index.m3u8 and the manifest scene.json that lists each file's size and SHA-256). Renders in
 * progress live in {@code ROOT/staging/}, visits being deleted pass through {@code ROOT/trash/};
 * opening the store clears both, so nothing half-written is ever served after a crash.
 *
 * <p>Every file is checked against its manifest before it is handed out (see {@link FileVerifier}
 * for how often it is hashed again). Two failures are kept apart:
 * <ul>
 *   <li>the bytes are not the recorded ones, or the file is gone: the visit is damaged. It leaves
 *   the index, its folder moves to {@code ROOT/quarantine/} for inspection, listeners hear {@link
 *   StoreListener#quarantined} (the engine renders it again for the sessions that pin it), and for
 *   a while {@link #partial} answers its files with {@link StoreUnavailableException} ("being
 *   rendered again") instead of nothing;</li>
 *   <li>the disk cannot answer (too many open files, permission denied, an I/O error): nothing is
 *   known to be wrong, nothing moves, and the read fails with {@link StoreUnavailableException}
 *   for the caller to retry.</li>
 * </ul>
 * The store keeps under {@code maxBytes} by deleting the least recently read complete visits,
 * never one that is pinned. All methods are thread-safe and block on disk: call them from
 * worker threads.
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
                    manifest.files().stream().map(SceneManifest.Entry::name).toList(), bytes, manifest.renderedBy());
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
    private final StoreOptions options;
    private final List<StoreListener> listeners = new CopyOnWriteArrayList<>();
    private final FileChannel lockFile;
    private final FileLock rootLock;
    private final FileVerifier verifier;
    private final Quarantine quarantine;
    /** Keys of visits quarantined and not stored again yet, to when (nanoClock) their files count as "being rendered again". */
    private final Map<String, Long> lost = new ConcurrentHashMap<>();
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

    private SegmentStore(Path root, long maxBytes, StoreListener listener, StoreOptions options, FileChannel lockFile, FileLock rootLock)
            throws IOException {
        this.root = root;
        this.scenes = root.resolve("scenes");
        this.staging = root.resolve("staging");
        this.trash = root.resolve("trash");
        this.maxBytes = maxBytes;
        this.options = options;
        this.listeners.add(listener);
        this.lockFile = lockFile;
        this.rootLock = rootLock;
        this.verifier = new FileVerifier(options);
        this.quarantine = new Quarantine(root.resolve("quarantine"), options.quarantineVisits(), options.quarantineBytes());
    }

    /** Opens the store at {@code root}, creating it if needed; see {@link #open(Path, long, StoreListener, StoreOptions)}. */
    public static SegmentStore open(Path root, long maxBytes) throws IOException {
        return open(root, maxBytes, StoreListener.NONE);
    }

    /** Opens the store at {@code root} with the {@link StoreOptions#DEFAULTS}; see {@link #open(Path, long, StoreListener, StoreOptions)}. */
    public static SegmentStore open(Path root, long maxBytes, StoreListener listener) throws IOException {
        return open(root, maxBytes, listener, StoreOptions.DEFAULTS);
    }

    /**
     * Opens the store at {@code root}: takes the folder for this process, removes whatever a crash
     * left half-done (renders without a manifest, temporary files, visits whose files no longer
     * match their manifest's sizes go to the quarantine), indexes the complete visits (the most
     * recently written counting as the most recently used) and evicts down to {@code maxBytes}.
     *
     * @throws IllegalStateException when another store holds {@code root} open
     */
    public static SegmentStore open(Path root, long maxBytes, StoreListener listener, StoreOptions options) throws IOException {
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
        SegmentStore store;
        try {
            store = new SegmentStore(root, maxBytes, listener, options, lockFile, rootLock);
        } catch (IOException | RuntimeException e) {
            rootLock.release();
            lockFile.close();
            throw e;
        }
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
        Disk.clear(staging);
        Disk.clear(trash);
        SceneScan.Result scan = SceneScan.scan(scenes);
        for (SceneScan.Damaged d : scan.damaged()) {
            LOG.log(Level.WARNING, "quarantining the visit " + d.folder().getFileName() + ": " + d.file() + " does not match its manifest ("
                    + d.why() + ")");
            Path place = quarantine.admit(d.folder(), d.folder().getFileName().toString());
            if (place != null) {
                quarantine.note(place, d.file(), d.why());
            }
            quarantines.incrementAndGet();
        }
        quarantine.trim();
        List<Removal> dropped;
        synchronized (lock) {
            long total = 0;
            for (SceneScan.Found f : scan.found()) {
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

    /** The manifest ({@code scene.json}) of the complete visit {@code key}, as it is stored, if the store has the visit. */
    public Optional<byte[]> manifest(String key) {
        Visit v = visits.get(Names.key(key));
        return v == null ? Optional.empty() : Optional.of(v.manifest.toJson());
    }

    /**
     * The file {@code name} of the complete visit {@code key}, checked against its recorded size and
     * SHA-256 (see {@link FileVerifier} for when it is hashed again). A file that fails the check
     * is reported missing and its whole visit is quarantined.
     *
     * @throws StoreUnavailableException when the disk cannot say whether the file is good (nothing is removed)
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
        String problem;
        try {
            problem = verifier.problem(path, entry.size(), entry.sha256());
        } catch (IOException e) {
            throw new StoreUnavailableException(name + " of " + key + " cannot be read now (" + e + "); nothing was removed", e, 1);
        }
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
     *
     * @throws StoreUnavailableException when the file is not there because its visit was damaged
     *                                   and is being rendered again (see {@link #healing}), or the disk cannot answer
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
        Optional<StoredFile> committed = file(key, name);
        if (committed.isEmpty() && healing(key)) {
            throw new StoreUnavailableException(name + " of " + key + " was damaged and is being rendered again",
                    new java.io.IOException("quarantined"), 1);
        }
        return committed;
    }

    /**
     * Whether the visit {@code key} was quarantined lately and is not stored again yet: its files
     * are coming back (the engine renders it again for whoever pins it), so a request for one is
     * answered "try again", not "not stored". Lasts {@link StoreOptions#healWindow} at most.
     */
    public boolean healing(String key) {
        Long until = lost.get(Names.key(key));
        if (until == null) {
            return false;
        }
        if (options.nanoClock().getAsLong() - until >= 0) {
            lost.remove(key, until);
            return false;
        }
        return true;
    }

    /**
     * Adds a listener (besides the one given at {@link #open}); returns what removes it. The engine
     * adds its re-rendering of quarantined visits this way, once its render side exists.
     */
    public Runnable listen(StoreListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
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

    /**
     * Removes the complete visit {@code key} now, pinned or not (a draft once its full tier is
     * stored: nobody is sent it any more). Readers holding one of its files keep reading it; a
     * reader that looks again finds the better tier. Returns whether there was such a visit.
     */
    public boolean discard(String key) {
        Names.key(key);
        Removal removal;
        synchronized (lock) {
            Visit v = visits.remove(key);
            if (v == null) {
                return false;
            }
            totalBytes -= v.view.totalBytes();
            removal = moveToTrash(v);
        }
        finishRemoval(removal);
        return true;
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

    /** Full hashes of stored files done to check them (a hot file is hashed once in each re-check window). */
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

    /** How writers write their files. */
    FileAccess files() {
        return options.files();
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
                // Indexed and pointed at in the same breath as the rename: a reader that looked up the
                // writer's path a moment ago finds the visit when it asks again.
                writer.movedTo(target);
                added = new Visit(manifest, target, bytes, clock.incrementAndGet());
                visits.put(key, added);
                lost.remove(key);
                totalBytes += bytes;
                dropped = evictLocked(key);
            } else {
                existing.lastUsed = clock.incrementAndGet();
            }
            unregister(writer);
        }
        if (added != null) {
            // Made durable outside the lock; a crash before it loses at most this visit, which is rendered again.
            Disk.syncFolder(scenes);
            // The writer hashed these bytes as it wrote them; no need to read them back.
            for (SceneManifest.Entry e : manifest.files()) {
                verifier.trust(target.resolve(e.name()), e.sha256());
            }
        } else {
            Disk.deleteQuietly(folder);
        }
        finishEvictions(dropped);
        return (added != null ? added : existing).view;
    }

    /** Called by a writer's abort. */
    void discard(SceneWriter writer, Path folder) {
        synchronized (lock) {
            unregister(writer);
        }
        Disk.deleteQuietly(folder);
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
        String key = v.manifest.key();
        Path place;
        synchronized (lock) {
            if (!visits.remove(key, v)) {
                return; // evicted or replaced meanwhile: nothing to condemn
            }
            totalBytes -= v.view.totalBytes();
            // Under the lock, as eviction's rename is, so that a commit of the same key never meets the damaged folder.
            place = quarantine.admit(v.folder, key);
            long now = options.nanoClock().getAsLong();
            lost.values().removeIf(until -> now - until >= 0);
            lost.put(key, now + options.healWindow().toNanos());
        }
        quarantines.incrementAndGet();
        LOG.log(Level.WARNING, "quarantining the visit " + key + ": " + name + " does not match its manifest (" + problem + ")");
        verifier.forget(v.folder);
        if (place != null) {
            quarantine.note(place, name, problem);
        }
        for (StoreListener l : listeners) {
            l.quarantined(key, name, problem);
        }
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
            for (StoreListener l : listeners) {
                l.evicted(r.visit().manifest.key(), r.visit().view.totalBytes());
            }
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
            Disk.deleteQuietly(v.folder);
            return new Removal(v, v.folder);
        }
    }

    // Deleting the files themselves is slow and happens outside the lock.
    private void finishRemoval(Removal r) {
        verifier.forget(r.visit().folder);
        Disk.deleteQuietly(r.grave());
    }
}
