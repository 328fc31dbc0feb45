package io.branchline.engine.store;

import io.branchline.renderer.RenderedScene;
import io.branchline.renderer.RenderedScene.SegmentInfo;
import io.branchline.renderer.SceneFiles;
import io.branchline.renderer.encode.EncodedSegment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Brings a visit another store holds (a render node's, over HTTP) into this one: reads its
 * manifest, fetches each file it lists, checks each file's size and SHA-256 against the manifest,
 * and commits the visit through a {@link SceneWriter}, so the first commit of a key wins as for
 * any render. A file that does not match throws the whole visit away: nothing unverified is
 * ever stored, so nothing unverified is ever listed.
 */
public final class SceneTransfer {

    /** Fetches one file of the visit by name. */
    @FunctionalInterface
    public interface Fetch {
        byte[] get(String name) throws IOException;
    }

    /** A file did not match its manifest, or the manifest is not one of the visit asked for. */
    public static final class Mismatch extends IOException {
        public Mismatch(String why) {
            super(why);
        }
    }

    private SceneTransfer() {
    }

    /**
     * Imports the visit {@code key} whose manifest is {@code manifestJson}, fetching its files with
     * {@code fetch}. Returns the stored visit (the one already there if the store had it).
     *
     * @throws Mismatch    when the manifest is wrong or a file's bytes differ from what it records
     * @throws IOException when a file cannot be fetched
     */
    public static StoredScene importScene(SegmentStore store, String key, byte[] manifestJson, Fetch fetch) throws IOException {
        return importScene(store, key, manifestJson, fetch, null);
    }

    /**
     * As {@link #importScene(SegmentStore, String, byte[], Fetch)}, recording in the stored visit
     * that render node {@code renderedBy} made it (null: unnamed).
     */
    public static StoredScene importScene(SegmentStore store, String key, byte[] manifestJson, Fetch fetch, String renderedBy) throws IOException {
        Optional<StoredScene> stored = store.scene(key);
        if (stored.isPresent()) {
            return stored.get();
        }
        SceneManifest m;
        try {
            m = SceneManifest.parse(manifestJson, key);
        } catch (SceneScan.DamageException e) {
            throw new Mismatch("the manifest of " + key + " is wrong: " + e.getMessage());
        }
        try (SceneWriter writer = store.writer(key).renderedBy(renderedBy)) {
            writer.init(verified(m, SceneFiles.INIT, fetch));
            for (SegmentInfo s : m.segments()) {
                byte[] bytes = verified(m, s.file(), fetch);
                writer.segment(new EncodedSegment(s.index(), bytes, s.startFrame(), s.frames(), s.disclosed()));
            }
            String captions = new String(verified(m, SceneFiles.CAPTIONS, fetch), StandardCharsets.UTF_8);
            String playlist = new String(verified(m, SceneFiles.PLAYLIST, fetch), StandardCharsets.UTF_8);
            StoredScene committed = writer.commit(new RenderedScene(key, m.segments(), captions, playlist, m.frames(), io.branchline.renderer.StageTimes.ZERO, 0));
            return committed;
        }
    }

    private static byte[] verified(SceneManifest m, String name, Fetch fetch) throws IOException {
        SceneManifest.Entry e = m.entry(name);
        if (e == null) {
            throw new Mismatch("the manifest of " + m.key() + " does not list " + name);
        }
        byte[] bytes = fetch.get(name);
        if (bytes.length != e.size()) {
            throw new Mismatch(name + " of " + m.key() + " has " + bytes.length + " bytes, the manifest says " + e.size());
        }
        String sha = FileVerifier.sha256(bytes);
        if (!sha.equals(e.sha256())) {
            throw new Mismatch(name + " of " + m.key() + " has SHA-256 " + sha + ", the manifest says " + e.sha256());
        }
        return bytes;
    }
}
