package io.branchline.engine.store;

/**
 * Hears what the {@link SegmentStore} drops. Called on the thread that caused it, outside the
 * store's lock; an implementation must be quick and must not throw.
 */
public interface StoreListener {

    /** A complete visit was removed to keep the store under its size bound. */
    default void evicted(String key, long bytes) {
    }

    /**
     * The visit {@code key} was taken out of use because {@code file} did not match its manifest
     * (or was gone): it left the index and its folder went to {@code quarantine/}. Whoever needs
     * it must render it again (the engine does for the keys someone pins; {@link
     * SegmentStore#pinned} tells); until then, or until the store's heal window passes, its files
     * are answered {@link StoreUnavailableException} ("try again") rather than missing. Never
     * called for a disk that merely failed to answer.
     */
    default void quarantined(String key, String file, String reason) {
    }

    /** Hears nothing. */
    StoreListener NONE = new StoreListener() {
    };
}
