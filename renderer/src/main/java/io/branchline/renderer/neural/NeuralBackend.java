package io.branchline.renderer.neural;

/**
 * A named set of networks that {@link NeuralModels} can open: how a real text-to-video or
 * style-transfer model plugs in. Implementations are found with {@link java.util.ServiceLoader}
 * (list the class in {@code META-INF/services/io.branchline.renderer.neural.NeuralBackend}) and
 * picked by name with {@code -Dbranchline.generator=NAME} or {@code BRANCHLINE_GENERATOR=NAME}.
 */
public interface NeuralBackend {

    /** The name configuration picks it by, such as {@code "cppn"}. */
    String name();

    /**
     * Loads the encoder, generator and styler. A backend may reuse the built-in ones, say
     * {@link MiniLmTextEncoder#load()} and {@link NeuralStyler}, next to its own generator.
     *
     * @throws io.branchline.renderer.RenderException when its model files are missing or damaged
     */
    NeuralModels open();
}
