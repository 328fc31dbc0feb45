package io.branchline.renderer.neural;

import io.branchline.renderer.RenderFormat;
import io.branchline.renderer.ShotPainter;
import java.awt.image.BufferedImage;

/**
 * Makes the frames of a {@code generate} shot from its prompt. The default is a neural field
 * run by ONNX Runtime; a real text-to-video model can take its place behind this interface.
 */
public interface FrameGenerator extends AutoCloseable {

    /**
     * Prepares a generated shot. The prompt (with the story's style already appended) and the
     * seed fix its look: the same prompt and seed give the same frames, bit for bit.
     */
    ShotPainter prepare(String prompt, long seed, RenderFormat format, long durationMs);

    /**
     * Whether the generator makes each shot from one still picture ({@link #keyframe}) that a
     * camera move brings to life; then an operator's depth model moves it in 2.5D, as it moves
     * an image shot.
     */
    default boolean makesKeyframes() {
        return false;
    }

    /**
     * The still picture a shot of this prompt and seed is made from.
     *
     * @throws UnsupportedOperationException unless {@link #makesKeyframes()}
     */
    default BufferedImage keyframe(String prompt, long seed) {
        throw new UnsupportedOperationException(name() + " makes no keyframes");
    }

    /** A stable identity of the generator and its model files, part of every content key. */
    String modelHash();

    /** The generator's name in Content Credentials: by default its class, a remote worker's model name for a worker. */
    default String name() {
        return getClass().getSimpleName();
    }

    @Override
    default void close() {
    }
}
