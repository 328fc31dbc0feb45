package io.branchline.renderer.neural;

/** Turns text into a fixed-length embedding: similar texts give nearby vectors. */
public interface TextEncoder extends AutoCloseable {

    /** The embedding of {@code text}, L2-normalised, always {@link #dimensions()} long. */
    float[] embed(String text);

    int dimensions();

    /** A stable identity of the model (a hash of its files), part of every content key. */
    String modelHash();

    @Override
    default void close() {
    }
}
