package io.branchline.renderer.neural;

import io.branchline.renderer.RenderFormat;
import io.branchline.renderer.ShotPainter;

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
