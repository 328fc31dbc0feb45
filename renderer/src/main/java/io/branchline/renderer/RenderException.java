package io.branchline.renderer;

/**
 * A render that cannot be done, with a message for the person who asked for it: what was
 * wrong (a missing or damaged asset, a missing encoder) and what was expected.
 */
public class RenderException extends RuntimeException {

    public RenderException(String message) {
        super(message);
    }

    public RenderException(String message, Throwable cause) {
        super(message, cause);
    }
}
