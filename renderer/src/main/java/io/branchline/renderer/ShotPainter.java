package io.branchline.renderer;

import java.awt.image.BufferedImage;

/**
 * Paints the frames of one shot. Frames are painted in order, from 0 to the shot's frame
 * count minus one, into an image of the story's format ({@code TYPE_INT_RGB}).
 * Painting must be deterministic: the same shot gives the same pixels, frame for frame.
 */
public interface ShotPainter extends AutoCloseable {

    /**
     * Paints frame {@code frame} of the shot over the whole of {@code target}.
     *
     * @throws RenderException when the shot's source cannot be read
     */
    void paint(int frame, BufferedImage target);

    /** Frees what the painter holds (decoders, native buffers); painting after close is an error. */
    @Override
    default void close() {
    }
}
