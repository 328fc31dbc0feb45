package io.branchline.renderer.neural;

import io.branchline.renderer.neural.onnx.OnnxGraph;
import io.branchline.renderer.neural.onnx.OnnxGraph.Value;
import java.util.Map;
import java.util.Random;

/**
 * Small stand-ins for the real depth and style exports, with their input and output names,
 * ranks and element types, and random weights: what the tests and benchmarks run through ONNX
 * Runtime where the real models cannot be downloaded.
 */
public final class TinyModels {

    private TinyModels() {
    }

    /**
     * A Depth-Anything-V2-shaped network: {@code pixel_values} [1, 3, H, W] → {@code predicted_depth} [1, H, W],
     * {@code layers} 3×3 convolutions of {@code channels} channels (at half resolution when there are more than one).
     *
     * @param size the fixed input size, or 0 for sizes left open ("height", "width"), as HF exports them
     */
    public static byte[] depth(long seed, int size, int layers, int channels) {
        Random random = new Random(seed);
        OnnxGraph g = new OnnxGraph("depth");
        Value x = size > 0 ? g.input("pixel_values", 1, 3, size, size) : g.input("pixel_values", 1, 3, "height", "width");
        Value h = x;
        int in = 3;
        boolean down = layers > 1;
        for (int l = 0; l < layers; l++) {
            int out = l == layers - 1 ? 1 : channels;
            long stride = down && l == 0 ? 2 : 1;
            h = conv(g, random, h, in, out, 3, stride);
            if (l < layers - 1) {
                h = g.op("Relu", h);
            }
            in = out;
        }
        if (down) {
            h = g.op("Resize", Map.of("mode", "linear"), h, g.constant(new float[0], 0),
                    g.constant(new float[] {1, 1, 2, 2}, 4));
        }
        Value depth = g.op("Squeeze", h, g.constantInts(new long[] {1}, 1));
        g.output("predicted_depth", g.sigmoid(depth));
        return g.toModel();
    }

    /** A fast-neural-style-shaped network: {@code input1} [1, 3, size, size] (0..255) → {@code output1}, the same shape. */
    public static byte[] style(long seed, int size, int layers, int channels) {
        Random random = new Random(seed);
        OnnxGraph g = new OnnxGraph("style");
        Value x = g.input("input1", 1, 3, size, size);
        Value h = g.mul(x, g.scalar(1 / 255f));
        int in = 3;
        for (int l = 0; l < layers; l++) {
            int out = l == layers - 1 ? 3 : channels;
            h = conv(g, random, h, in, out, 3, 1);
            if (l < layers - 1) {
                h = g.op("Relu", h);
            }
            in = out;
        }
        g.output("output1", g.mul(g.sigmoid(h), g.scalar(255f)));
        return g.toModel();
    }

    /**
     * A stand-in of the zoo's fast-neural-style network at its real size and cost (Johnson et al.:
     * a 9×9 convolution, two stride-2 convolutions to 128 channels at a quarter of the size, five
     * residual blocks of two 3×3 convolutions, two upsamplings and a 9×9 convolution back to RGB;
     * instance normalisation left out), random weights.
     */
    public static byte[] zooSizedStyle(long seed) {
        Random random = new Random(seed);
        OnnxGraph g = new OnnxGraph("style-replica");
        Value x = g.input("input1", 1, 3, 224, 224);
        Value h = g.op("Relu", conv(g, random, g.mul(x, g.scalar(1 / 255f)), 3, 32, 9, 1));
        h = g.op("Relu", conv(g, random, h, 32, 64, 3, 2));
        h = g.op("Relu", conv(g, random, h, 64, 128, 3, 2));
        for (int block = 0; block < 5; block++) {
            Value r = g.op("Relu", conv(g, random, h, 128, 128, 3, 1));
            h = g.add(h, g.mul(conv(g, random, r, 128, 128, 3, 1), g.scalar(0.1f)));
        }
        for (int[] io : new int[][] {{128, 64}, {64, 32}}) {
            h = g.op("Resize", Map.of("mode", "nearest"), h, g.constant(new float[0], 0), g.constant(new float[] {1, 1, 2, 2}, 4));
            h = g.op("Relu", conv(g, random, h, io[0], io[1], 3, 1));
        }
        g.output("output1", g.mul(g.sigmoid(conv(g, random, h, 32, 3, 9, 1)), g.scalar(255f)));
        return g.toModel();
    }

    /** A network with the given input and output names, [1, 3, H, W] → [1, 3, H, W], to stand for a wrong export. */
    public static byte[] renamed(String input, String output, int outputRank) {
        OnnxGraph g = new OnnxGraph("wrong");
        Value x = g.input(input, 1, 3, 64, 64);
        Value y = g.sigmoid(x);
        if (outputRank == 3) {
            y = g.reshape(y, 1, 3 * 64, 64);
        }
        g.output(output, y);
        return g.toModel();
    }

    private static Value conv(OnnxGraph g, Random random, Value x, int in, int out, int k, long stride) {
        float[] w = new float[out * in * k * k];
        float scale = (float) Math.sqrt(2.0 / (in * k * k));
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) random.nextGaussian() * scale;
        }
        float[] b = new float[out];
        for (int i = 0; i < out; i++) {
            b[i] = (float) random.nextGaussian() * 0.1f;
        }
        long pad = k / 2;
        return g.op("Conv", Map.of("kernel_shape", new long[] {k, k}, "pads", new long[] {pad, pad, pad, pad},
                "strides", new long[] {stride, stride}), x, g.constant(w, out, in, k, k), g.constant(b, out));
    }
}
