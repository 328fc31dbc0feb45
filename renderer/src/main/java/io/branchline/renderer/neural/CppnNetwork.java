package io.branchline.renderer.neural;

import io.branchline.renderer.neural.onnx.OnnxGraph;
import io.branchline.renderer.neural.onnx.OnnxGraph.Value;

/**
 * The compositional pattern-producing network behind {@link CppnFrameGenerator}: a small
 * per-pixel network over {@code (x, y, r)}, a slowly drifting latent vector and the time
 * {@code t}, whose three outputs pick a colour from a cosine palette and shade it.
 *
 * <pre>
 *   latent(t) = z0 + za · sin(zw·t + zp)                       8 values
 *   motion(t) = rotation by rot·t, zoom 1 + zoomA·sin(zoomW·t), drift offA·sin(offW·t + offP)
 *   h1 = [sin | tanh | gauss](motion(x, y, r)·W1 + latent(t)·Wz + b1)   24 units
 *   h2 = [sin | tanh | gauss](h1·W2 + b2)                               24 units
 *   h3 = tanh(h2·W3 + b3)                                               16 units
 *   (v, u, s) = sigmoid(h3·W4 + b4)
 *   rgb = 255 · clip((base + pb · cos(2π((v + 0.35u)·(pc0 + pcd) + pd))) · (0.3 + 0.9s), 0, 1)
 * </pre>
 *
 * {@code base} is the prompt's base colour (from {@link PromptAnchors}); the cosine palette
 * circles it.
 *
 * Every weight is a graph input (see {@link ParameterLayout}), so one session serves all shots.
 * The time terms fold into the first layer's weights and bias (3×24 and 1×24 values), so the
 * per-pixel work is three matrix products and the activations.
 */
final class CppnNetwork {

    static final String COORDINATES = "xyr";
    static final String TIME = "t";
    static final String RGB = "rgb";
    /** The prompt's base colour, RGB in [0, 1], shape [1, 3]; not one of the layout's weights. */
    static final String BASE_COLOUR = "base";

    private static final int LATENT = 8;
    private static final int GROUP = 8;
    private static final int H1 = 3 * GROUP;
    private static final int H2 = 3 * GROUP;
    private static final int H3 = 16;

    final byte[] model;
    final ParameterLayout layout = new ParameterLayout();

    CppnNetwork() {
        OnnxGraph g = new OnnxGraph("branchline-cppn");
        Value xyr = g.input(COORDINATES, "N", 3);
        Value t = g.input(TIME, 1);

        // The latent drifts along slow sines (periods of 11 to 40 s): smooth motion, no flicker.
        Value z0 = layout.weight(g, "z0", ParameterLayout.scaled(0.8), 1, LATENT);
        Value za = layout.weight(g, "za", ParameterLayout.between(0.4, 1.2), 1, LATENT);
        Value zw = layout.weight(g, "zw", ParameterLayout.between(0.15, 0.55), 1, LATENT);
        Value zp = layout.weight(g, "zp", ParameterLayout.scaled(Math.PI), 1, LATENT);
        Value latent = g.add(z0, g.mul(za, g.sin(g.add(g.mul(t, zw), zp))));

        // The frame turns, breathes and drifts a little.
        Value rot = layout.weight(g, "rot", ParameterLayout.between(-0.05, 0.05), 1);
        Value zoomA = layout.weight(g, "zoomA", ParameterLayout.between(0.0, 0.12), 1);
        Value zoomW = layout.weight(g, "zoomW", ParameterLayout.between(0.15, 0.5), 1);
        Value offA = layout.weight(g, "offA", (raw, i) -> i == 2 ? 0 : 0.05 + 0.2 / (1 + Math.exp(-raw)), 1, 3);
        Value offW = layout.weight(g, "offW", ParameterLayout.between(0.1, 0.4), 1, 3);
        Value offP = layout.weight(g, "offP", ParameterLayout.scaled(Math.PI), 1, 3);
        Value angle = g.mul(t, rot);
        Value cos = g.cos(angle);
        Value sin = g.sin(angle);
        Value zero = g.scalar(0f);
        Value one = g.scalar(1f);
        Value rotation = g.reshape(g.concat(0, cos, sin, zero, g.op("Neg", sin), cos, zero, zero, zero, one), 3, 3);
        Value zoom = g.add(one, g.mul(zoomA, g.sin(g.mul(t, zoomW))));
        Value motion = g.mul(rotation, zoom);
        Value drift = g.mul(offA, g.sin(g.add(g.mul(t, offW), offP)));

        Value w1 = layout.weight(g, "w1", ParameterLayout.scaled(2.6), 3, H1);
        Value b1 = layout.weight(g, "b1", ParameterLayout.scaled(0.9), 1, H1);
        Value wz = layout.weight(g, "wz", ParameterLayout.scaled(0.7), LATENT, H1);
        Value w1t = g.matMul(motion, w1);
        Value b1t = g.add(g.add(b1, g.matMul(drift, w1)), g.matMul(latent, wz));
        Value h1 = mixed(g, g.add(g.matMul(xyr, w1t), b1t));

        Value w2 = layout.weight(g, "w2", ParameterLayout.scaled(1.9 / Math.sqrt(H1)), H1, H2);
        Value b2 = layout.weight(g, "b2", ParameterLayout.scaled(0.6), 1, H2);
        Value h2 = mixed(g, g.add(g.matMul(h1, w2), b2));

        Value w3 = layout.weight(g, "w3", ParameterLayout.scaled(1.6 / Math.sqrt(H2)), H2, H3);
        Value b3 = layout.weight(g, "b3", ParameterLayout.scaled(0.4), 1, H3);
        Value h3 = g.tanh(g.add(g.matMul(h2, w3), b3));

        Value w4 = layout.weight(g, "w4", ParameterLayout.scaled(3.0 / Math.sqrt(H3)), H3, 3);
        Value b4 = layout.weight(g, "b4", ParameterLayout.scaled(0.3), 1, 3);
        Value vus = g.sigmoid(g.add(g.matMul(h3, w4), b4));

        // The palette (Inigo Quilez's cosine gradients) circles the prompt's base colour
        // (see PromptAnchors); its spread, pace and phases come from the prompt's weights too.
        Value base = g.input(BASE_COLOUR, 1, 3);
        Value pb = layout.weight(g, "pb", ParameterLayout.between(0.25, 0.5), 1, 3);
        Value pc0 = layout.weight(g, "pc0", ParameterLayout.between(0.45, 1.1), 1);
        Value pcd = layout.weight(g, "pcd", ParameterLayout.scaled(0.12), 1, 3);
        Value pd = layout.weight(g, "pd", ParameterLayout.scaled(0.22), 1, 3);
        Value pc = g.add(pc0, pcd);
        Value hue = g.matMul(vus, g.constant(new float[] {1f, 0.35f, 0f}, 3, 1));
        Value shade = g.matMul(vus, g.constant(new float[] {0f, 0f, 0.9f}, 3, 1));
        Value angleRgb = g.mul(g.add(g.matMul(hue, pc), pd), g.scalar((float) (2 * Math.PI)));
        Value colour = g.add(base, g.mul(pb, g.cos(angleRgb)));
        Value lit = g.mul(colour, g.add(shade, g.scalar(0.3f)));
        g.output(RGB, g.mul(g.clip(lit, 0f, 1f), g.scalar(255f)));
        this.model = g.toModel();
    }

    /** Sine, tanh and Gaussian units side by side: waves, edges and blobs. */
    private static Value mixed(OnnxGraph g, Value pre) {
        Value[] parts = g.split(pre, 1, GROUP, GROUP, GROUP);
        return g.concat(1, g.sin(parts[0]), g.tanh(parts[1]), g.gaussian(parts[2]));
    }
}
