package io.branchline.renderer;

import io.branchline.renderer.neural.FrameGenerator;
import io.branchline.renderer.neural.FrameStyler;
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

    public RenderTools(Supplier<FrameGenerator> generator, Supplier<FrameStyler> styler) {
        this.generatorFactory = generator;
        this.stylerFactory = styler;
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
        if (generator != null) {
            generator.close();
        }
        if (styler != null) {
            styler.close();
        }
    }
}
