package io.branchline.renderer;

import io.branchline.renderer.neural.FrameGenerator;
import io.branchline.renderer.neural.FrameStyler;
import io.branchline.renderer.neural.NeuralModels;
import java.util.function.Supplier;

/**
 * The models a render may need, made on first use (loading a model takes time, and a scene
 * of titles needs none). One instance serves many renders, one at a time or concurrently as
 * the implementations allow.
 */
public final class RenderTools implements AutoCloseable {

    private final Supplier<FrameGenerator> generatorFactory;
    private final Supplier<FrameStyler> stylerFactory;
    private FrameGenerator generator;
    private FrameStyler styler;

    private NeuralModels models;

    public RenderTools(Supplier<FrameGenerator> generator, Supplier<FrameStyler> styler) {
        this.generatorFactory = generator;
        this.stylerFactory = styler;
    }

    /**
     * The generator and styler that configuration chooses ({@code -Dbranchline.generator} or
     * {@code BRANCHLINE_GENERATOR}, by default the built-in neural field and styler), loaded
     * together on first use and closed together.
     */
    public static RenderTools fromConfiguration() {
        RenderTools[] self = new RenderTools[1];
        self[0] = new RenderTools(() -> self[0].models().generator(), () -> self[0].models().styler());
        return self[0];
    }

    private synchronized NeuralModels models() {
        if (models == null) {
            models = NeuralModels.fromConfiguration();
        }
        return models;
    }

    public synchronized FrameGenerator generator() {
        if (generator == null) {
            generator = generatorFactory.get();
        }
        return generator;
    }

    public synchronized FrameStyler styler() {
        if (styler == null) {
            styler = stylerFactory.get();
        }
        return styler;
    }

    @Override
    public synchronized void close() {
        if (models != null) {
            models.close();
            return;
        }
        if (generator != null) {
            generator.close();
        }
        if (styler != null) {
            styler.close();
        }
    }
}
