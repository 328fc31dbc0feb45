package io.branchline.engine.store;

import io.branchline.renderer.RenderedScene;
import io.branchline.renderer.RenderedScene.SegmentInfo;
import io.branchline.renderer.SceneFiles;
import io.branchline.renderer.encode.EncodedSegment;
import io.branchline.renderer.encode.SegmentSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes one render of a scene visit into the store. The renderer hands it the init segment and
 * the media segments as they are finished; each lands in a folder of this writer's own under a
 * temporary name and is renamed, so {@link SegmentStore#partial} can serve it at once. {@link
 * #commit} adds the captions, the playlist and, last, the manifest, then moves the folder into
 * place in one rename; {@link #abort} (or {@link #close} before a commit) throws the render away.
 * Two writers of the same key never share a folder: the first to commit wins, the other's
 * identical bytes are discarded.
 *
 * <p>Files are flushed to the device at commit, not as they are written: a crash before the
 * commit discards the folder anyway, and the first segment reaches viewers sooner.
 */
public final class SceneWriter implements SegmentSink, AutoCloseable {

    private enum State { OPEN, COMMITTED, ABORTED }

    private final SegmentStore store;
    private final String key;
    private volatile Path folder;
    private final Map<String, SceneManifest.Entry> written = new ConcurrentHashMap<>();
    private State state = State.OPEN;
    private volatile String renderedBy;

    SceneWriter(SegmentStore store, String key, Path folder) {
        this.store = store;
        this.key = key;
        this.folder = folder;
    }

    /** The content key of the visit being written. */
    public String key() {
        return key;
    }

    /** Records in the visit's manifest that render node {@code node} made it (before {@link #commit}). */
    public SceneWriter renderedBy(String node) {
        this.renderedBy = node;
        return this;
    }

    @Override
    public void init(byte[] bytes) {
        write(SceneFiles.INIT, bytes);
    }

    @Override
    public void segment(EncodedSegment segment) {
        write(SceneFiles.segmentName(segment.index()), segment.bytes());
    }

    /**
     * Finishes the visit: writes its captions, playlist and manifest and makes it a complete visit
     * of the store. Returns the stored visit, which is the one already there if another writer
     * committed the same key first.
     *
     * @throws IllegalArgumentException when {@code scene} is of another key
     * @throws IllegalStateException    when a segment the scene lists was not written, or the writer is closed
     * @throws UncheckedIOException     when the disk fails; the render is then thrown away
     */
    public synchronized StoredScene commit(RenderedScene scene) {
        requireOpen();
        if (!key.equals(scene.key())) {
            throw new IllegalArgumentException("the scene is of key " + scene.key() + ", this writer writes " + key);
        }
        try {
            write(SceneFiles.CAPTIONS, scene.captions().getBytes(StandardCharsets.UTF_8));
            write(SceneFiles.PLAYLIST, scene.playlist().getBytes(StandardCharsets.UTF_8));
            List<SceneManifest.Entry> files = new ArrayList<>();
            files.add(required(SceneFiles.INIT, -1));
            for (SegmentInfo s : scene.segments()) {
                files.add(required(s.file(), s.bytes()));
            }
            files.add(written.get(SceneFiles.CAPTIONS));
            files.add(written.get(SceneFiles.PLAYLIST));
            for (SceneManifest.Entry f : files) {
                Disk.sync(folder.resolve(f.name()));
            }
            SceneManifest manifest = new SceneManifest(SceneManifest.VERSION, key, scene.frames(), scene.segments(), files, renderedBy);
            Disk.writeAtomically(store.files(), folder.resolve(".scene.json.tmp"), folder.resolve(SceneManifest.NAME), manifest.toJson(), true);
            Disk.syncFolder(folder);
            StoredScene stored = store.install(this, folder, manifest);
            state = State.COMMITTED;
            return stored;
        } catch (IOException e) {
            abort();
            throw new UncheckedIOException("cannot commit the visit " + key + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            abort();
            throw e;
        }
    }

    /** Throws the render away: its files are removed and no reader sees them again. Does nothing after a commit. */
    public synchronized void abort() {
        if (state != State.OPEN) {
            return;
        }
        state = State.ABORTED;
        store.discard(this, folder);
    }

    /** Aborts the render unless it was committed. */
    @Override
    public void close() {
        abort();
    }

    /** A file this render has finished, or null. */
    StoredFile partial(String name) {
        SceneManifest.Entry e = written.get(name);
        return e == null ? null : new StoredFile(folder.resolve(name), e.size(), e.sha256(), StoredFile.contentType(name));
    }

    /** The store moved the folder into place; late readers of {@link #partial} find the files there. */
    void movedTo(Path place) {
        folder = place;
    }

    private synchronized void write(String name, byte[] bytes) {
        requireOpen();
        Names.file(name);
        try {
            Disk.writeAtomically(store.files(), folder.resolve("." + name + ".tmp"), folder.resolve(name), bytes, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + name + " of the visit " + key + ": " + e.getMessage(), e);
        }
        written.put(name, new SceneManifest.Entry(name, bytes.length, FileVerifier.sha256(bytes)));
    }

    private SceneManifest.Entry required(String name, long bytes) {
        SceneManifest.Entry e = written.get(name);
        if (e == null) {
            throw new IllegalStateException("the visit " + key + " lists " + name + ", which was never written");
        }
        if (bytes >= 0 && e.size() != bytes) {
            throw new IllegalStateException("the visit " + key + " lists " + name + " of " + bytes + " bytes, " + e.size() + " were written");
        }
        return e;
    }

    private void requireOpen() {
        if (state != State.OPEN) {
            throw new IllegalStateException("the writer of " + key + " is " + state.name().toLowerCase());
        }
    }
}
