package io.branchline.renderer.neural;

import io.branchline.renderer.RenderFormat;
import java.awt.image.BufferedImage;

/**
 * Applies a shot's {@code style} to its frames, whatever their source. The default is a small
 * network conditioned on the style prompt's embedding; a style-transfer model can replace it.
 */
public interface FrameStyler extends AutoCloseable {

    /** Prepares the style of one shot. */
    ShotStyle prepare(String stylePrompt, long seed, RenderFormat format);

    /** A stable identity of the styler and its model files, part of every content key. */
    String modelHash();

    @Override
    default void close() {
    }

    /** A prepared style. */
    interface ShotStyle extends AutoCloseable {
        /** Restyles frame {@code frame} of the shot in place. */
        void apply(int frame, BufferedImage image);

        @Override
        default void close() {
        }
    }
}
