package io.branchline.renderer.media;

import java.awt.image.BufferedImage;

/**
 * Guesses how near each point of a picture is (a depth-estimation model), so that a still image
 * can be moved in 2.5D ({@link Parallax}). Implementations must be deterministic: the same
 * picture gives the same map.
 */
public interface DepthEstimator {

    /** The picture's depth map, 1 nearest and 0 farthest. */
    DepthMap estimate(BufferedImage picture);

    /** A stable identity of the model (its file's SHA-256 and where it runs), part of content keys. */
    String identity();
}
