package io.branchline.renderer.neural;

import io.branchline.renderer.neural.onnx.OnnxGraph;
import io.branchline.renderer.neural.onnx.OnnxGraph.Value;

/**
 * The two small networks behind {@link NeuralStyler}, whose weights are a projection of the
 * style prompt's embedding (one {@link ParameterLayout} spans both).
 *
 * <p>The colour network maps a colour to its styled colour:
 * <pre>
 *   shifted = rgb + strength · tanh(tanh(mix(rgb·W1 + b1)·W2 + b2)·W3 + b3)
 *   graded  = (shifted·(sat·I + (1 − sat)·Y + sat·M) − ½)·contrast + ½ + tint
 * </pre>
 * where {@code Y} turns a colour into its grey, {@code M} is a small cross-channel mix and
 * {@code mix} puts sine and tanh units side by side. Saturation, contrast and tint are inputs
 * (the styler takes them from {@link PromptAnchors}); the rest are weights. It runs once per
 * shot on a lattice of colours, which makes a 3-D look-up table.
 *
 * <p>The texture network is a little pattern-producing network over {@code (x, y, r)} scaled by
 * {@code zoom}, and {@code t}; its two outputs (in [-1, 1]) become a light gain and offset
 * over the frame: a coarse, slowly moving wash, and at a finer zoom a still grain.
 */
final class StyleNetwork {

    static final String RGB = "rgb";
    static final String STYLED = "styled";
    static final String TINT = "tint";
    static final String SATURATION = "saturation";
    static final String CONTRAST = "contrast";
    static final String COORDINATES = "xyr";
    static final String ZOOM = "zoom";
    static final String TIME = "t";
    static final String TEXTURE = "texture";

    private static final int HIDDEN = 16;
    private static final int LATENT = 4;

    final byte[] colourModel;
    final byte[] textureModel;
    final ParameterLayout colourLayout = new ParameterLayout();
    final ParameterLayout textureLayout = new ParameterLayout();

    StyleNetwork() {
        colourModel = colour(colourLayout);
        textureModel = texture(textureLayout);
    }

    private static byte[] colour(ParameterLayout layout) {
        OnnxGraph g = new OnnxGraph("branchline-style-colour");
        Value rgb = g.input(RGB, "N", 3);
        Value tint = g.input(TINT, 1, 3);
        Value sat = g.input(SATURATION, 1);
        Value contrast = g.input(CONTRAST, 1);

        Value w1 = layout.weight(g, "w1", ParameterLayout.scaled(2.2), 3, HIDDEN);
        Value b1 = layout.weight(g, "b1", ParameterLayout.scaled(1.0), 1, HIDDEN);
        Value[] halves = g.split(g.add(g.matMul(rgb, w1), b1), 1, HIDDEN / 2, HIDDEN / 2);
        Value h1 = g.concat(1, g.sin(halves[0]), g.tanh(halves[1]));
        Value w2 = layout.weight(g, "w2", ParameterLayout.scaled(1.5 / Math.sqrt(HIDDEN)), HIDDEN, HIDDEN);
        Value b2 = layout.weight(g, "b2", ParameterLayout.scaled(0.5), 1, HIDDEN);
        Value h2 = g.tanh(g.add(g.matMul(h1, w2), b2));
        Value w3 = layout.weight(g, "w3", ParameterLayout.scaled(1.5 / Math.sqrt(HIDDEN)), HIDDEN, 3);
        Value b3 = layout.weight(g, "b3", ParameterLayout.scaled(0.3), 1, 3);
        Value strength = layout.weight(g, "strength", ParameterLayout.between(0.05, 0.16), 1);
        Value shifted = g.add(rgb, g.mul(g.tanh(g.add(g.matMul(h2, w3), b3)), strength));

        Value mix = layout.weight(g, "mix", ParameterLayout.scaled(0.08), 3, 3);
        Value identity = g.constant(new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, 3, 3);
        Value grey = g.constant(new float[] {0.299f, 0.299f, 0.299f, 0.587f, 0.587f, 0.587f,
            0.114f, 0.114f, 0.114f}, 3, 3);
        Value one = g.scalar(1f);
        Value half = g.scalar(0.5f);
        Value matrix = g.add(g.add(g.mul(identity, sat), g.mul(grey, g.sub(one, sat))), g.mul(mix, sat));
        Value graded = g.add(g.add(g.mul(g.sub(g.matMul(shifted, matrix), half), contrast), half), tint);
        g.output(STYLED, g.mul(g.clip(graded, 0f, 1f), g.scalar(255f)));
        return g.toModel();
    }

    private static byte[] texture(ParameterLayout layout) {
        OnnxGraph g = new OnnxGraph("branchline-style-texture");
        Value xyr = g.input(COORDINATES, "N", 3);
        Value zoom = g.input(ZOOM, 1);
        Value t = g.input(TIME, 1);
        Value z0 = layout.weight(g, "z0", ParameterLayout.scaled(0.8), 1, LATENT);
        Value za = layout.weight(g, "za", ParameterLayout.between(0.3, 1.0), 1, LATENT);
        Value zw = layout.weight(g, "zw", ParameterLayout.between(0.2, 0.7), 1, LATENT);
        Value zp = layout.weight(g, "zp", ParameterLayout.scaled(Math.PI), 1, LATENT);
        Value latent = g.add(z0, g.mul(za, g.sin(g.add(g.mul(t, zw), zp))));

        Value w1 = layout.weight(g, "w1", ParameterLayout.scaled(2.4), 3, HIDDEN);
        Value b1 = layout.weight(g, "b1", ParameterLayout.scaled(1.0), 1, HIDDEN);
        Value wz = layout.weight(g, "wz", ParameterLayout.scaled(0.8), LATENT, HIDDEN);
        Value pre = g.add(g.add(g.matMul(xyr, g.mul(w1, zoom)), b1), g.matMul(latent, wz));
        Value[] halves = g.split(pre, 1, HIDDEN / 2, HIDDEN / 2);
        Value h1 = g.concat(1, g.sin(halves[0]), g.gaussian(halves[1]));
        Value w2 = layout.weight(g, "w2", ParameterLayout.scaled(1.8 / Math.sqrt(HIDDEN)), HIDDEN, 8);
        Value b2 = layout.weight(g, "b2", ParameterLayout.scaled(0.5), 1, 8);
        Value h2 = g.tanh(g.add(g.matMul(h1, w2), b2));
        Value w3 = layout.weight(g, "w3", ParameterLayout.scaled(2.0 / Math.sqrt(8)), 8, 2);
        Value b3 = layout.weight(g, "b3", ParameterLayout.scaled(0.2), 1, 2);
        g.output(TEXTURE, g.tanh(g.add(g.matMul(h2, w3), b3)));
        return g.toModel();
    }
}
