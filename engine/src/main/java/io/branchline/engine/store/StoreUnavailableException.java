package io.branchline.engine.store;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A stored file cannot be read now, though nothing says its bytes are wrong: the disk failed to
 * answer (too many open files, permission denied, an I/O error) or the visit is being rendered
 * again after a damaged copy was quarantined. Nothing was deleted; the same request may succeed
 * after {@link #retryAfterSeconds()}, so callers answer it with 503 and {@code Retry-After}, never
 * 404 (the file is not gone for good) nor 500 (the engine is not broken).
 */
public final class StoreUnavailableException extends UncheckedIOException {

    private final int retryAfterSeconds;

    public StoreUnavailableException(String message, IOException cause, int retryAfterSeconds) {
        super(message, cause);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** How long a caller should wait before asking again, in whole seconds (at least 1). */
    public int retryAfterSeconds() {
        return Math.max(1, retryAfterSeconds);
    }
}
