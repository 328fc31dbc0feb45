package io.branchline.renderer.neural;

import io.branchline.renderer.RenderFormat;
import io.branchline.renderer.models.DepthStyleModels;
import java.util.function.Supplier;

/**
 * The styler a render uses when the operator installed style networks: a story's {@code style}
 * that names an installed style ({@code style "mosaic"} for {@code styles/mosaic.onnx}) is
 * drawn by that network; any other style goes to the default styler, as before.
 */
public final class ModelStyler implements FrameStyler {

    private final Supplier<FrameStyler> fallbackFactory;
    private final DepthStyleModels models;
    private FrameStyler fallback;

    /**
     * @param fallback makes the default styler, asked for only when it is needed; it is closed with
     *                 this styler
     * @param models   the operator's models (not closed here)
     */
    public ModelStyler(Supplier<FrameStyler> fallback, DepthStyleModels models) {
        this.fallbackFactory = fallback;
        this.models = models;
    }

    private synchronized FrameStyler fallback() {
        if (fallback == null) {
            fallback = fallbackFactory.get();
        }
        return fallback;
    }

    @Override
    public synchronized void close() {
        if (fallback != null) {
            fallback.close();
        }
    }

    @Override
    public ShotStyle prepare(String stylePrompt, long seed, RenderFormat format) {
        return models.style(stylePrompt)
                .map(model -> model.shotStyle(format))
                .orElseGet(() -> fallback().prepare(stylePrompt, seed, format));
    }

    /** The default styler's identity; each style network's own goes into the key of the visits that use it. */
    @Override
    public String modelHash() {
        return fallback().modelHash();
    }
}
