package io.branchline.engine.store;

/**
 * Hears what the {@link SegmentStore} drops. Called on the thread that caused it, outside the
 * store's lock; an implementation must be quick and must not throw.
 */
public interface StoreListener {

    /** A complete visit was removed to keep the store under its size bound. */
    default void evicted(String key, long bytes) {
    }

    /** A visit was removed because {@code file} did not match its manifest; it will be rendered again. */
    default void quarantined(String key, String file, String reason) {
    }

    /** Hears nothing. */
    StoreListener NONE = new StoreListener() {
    };
}
