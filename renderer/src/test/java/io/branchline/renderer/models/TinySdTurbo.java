package io.branchline.renderer.models;

import io.branchline.renderer.neural.onnx.OnnxGraph;
import io.branchline.renderer.neural.onnx.OnnxGraph.Type;
import io.branchline.renderer.neural.onnx.OnnxGraph.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes a small SD-Turbo export into a folder: the real layout, tensor names, ranks and element
 * types of an Optimum export, with small random networks inside (a token embedding for the text
 * encoder, a 3×3 convolution conditioned on the text and timestep for the UNet, an 8× upsampling
 * and a 1×1 convolution for the VAE decoder). The benchmark builds larger ones the same way.
 */
public final class TinySdTurbo {

    /** The parts' sizes and types. */
    public record Shape(int hidden, Type idType, Type timestepType, int unetChannels, int unetLayers, int vaeChannels) {
        public static final Shape TINY = new Shape(16, Type.INT64, Type.INT64, 4, 0, 4);

        public Shape withTypes(Type ids, Type timestep) {
            return new Shape(hidden, ids, timestep, unetChannels, unetLayers, vaeChannels);
        }
    }

    private TinySdTurbo() {
    }

    /** Writes a complete export with {@code shape}'s parts and weights drawn from {@code seed}. */
    public static Path write(Path dir, Shape shape, long seed) throws IOException {
        Files.createDirectories(dir.resolve("tokenizer"));
        ClipTokenizerTest.writeTokenizer(dir.resolve("tokenizer"), ClipTokenizer.END);
        Files.writeString(dir.resolve("model_index.json"), """
                {"_class_name": "StableDiffusionPipeline", "_diffusers_version": "0.24.0",
                 "text_encoder": ["transformers", "CLIPTextModel"], "unet": ["diffusers", "UNet2DConditionModel"],
                 "vae_decoder": ["diffusers", "AutoencoderKL"], "tokenizer": ["transformers", "CLIPTokenizer"],
                 "scheduler": ["diffusers", "EulerAncestralDiscreteScheduler"]}
                """);
        SplittableRandom random = new SplittableRandom(seed);
        put(dir, "text_encoder", textEncoder(shape, ClipTokenizerTest.VOCAB.size(), random));
        put(dir, "unet", unet(shape, random));
        put(dir, "vae_decoder", vaeDecoder(shape, random));
        return dir;
    }

    static void put(Path dir, String part, byte[] model) throws IOException {
        Files.createDirectories(dir.resolve(part));
        Files.write(dir.resolve(part).resolve("model.onnx"), model);
    }

    /** input_ids [batch, sequence] → a token embedding, tanh → last_hidden_state [batch, 77, hidden]. */
    public static byte[] textEncoder(Shape shape, int vocabulary, SplittableRandom random) {
        OnnxGraph g = new OnnxGraph("text_encoder");
        Value ids = g.typedInput("input_ids", shape.idType(), "batch_size", "sequence_length");
        Value table = g.constant(weights(random, vocabulary * shape.hidden(), 1.5f), vocabulary, shape.hidden());
        Value hidden = g.tanh(g.op("Gather", Map.of("axis", 0L), table, ids));
        g.output("last_hidden_state", hidden, "batch_size", ClipTokenizer.LENGTH, shape.hidden());
        return g.toModel();
    }

    /**
     * sample, timestep, encoder_hidden_states → out_sample: a 3×3 convolution through
     * {@code unetChannels} channels and back, plus the mean of the text's hidden states and the
     * timestep, squashed to -1..1.
     */
    public static byte[] unet(Shape shape, SplittableRandom random) {
        OnnxGraph g = new OnnxGraph("unet");
        Value sample = g.input("sample", "batch", 4, "height", "width");
        Value timestep = g.typedInput("timestep", shape.timestepType(), "steps");
        Value text = g.input("encoder_hidden_states", "batch", "sequence", shape.hidden());
        Value time = shape.timestepType() == Type.FLOAT ? timestep : g.op("Cast", Map.of("to", 1L), timestep);
        int c = shape.unetChannels();
        Value inner = g.tanh(conv(g, sample, 4, c, 3, random));
        for (int layer = 0; layer < shape.unetLayers(); layer++) {
            inner = g.tanh(conv(g, inner, c, c, 3, random));
        }
        Value back = conv(g, inner, c, 4, 3, random);
        Value context = g.op("ReduceMean", Map.of("axes", new long[] {1}, "keepdims", 1L), text);
        Value bias = g.reshape(g.matMul(context, g.constant(weights(random, shape.hidden() * 4, 0.5f), shape.hidden(), 4)), 1, 4, 1, 1);
        Value out = g.tanh(g.add(g.add(back, bias), g.mul(time, g.scalar(0.0005f))));
        g.output("out_sample", out, "batch", 4, "height", "width");
        return g.toModel();
    }

    /** latent_sample [batch, 4, h, w] → 8× nearest upsampling, 3×3 and 1×1 convolutions, tanh → sample [batch, 3, 8h, 8w]. */
    public static byte[] vaeDecoder(Shape shape, SplittableRandom random) {
        OnnxGraph g = new OnnxGraph("vae_decoder");
        Value latents = g.input("latent_sample", "batch", 4, "latent_height", "latent_width");
        Value up = g.op("Resize", Map.of("mode", "nearest"), latents, new Value(""), g.constant(new float[] {1, 1, 8, 8}, 4));
        Value features = g.tanh(conv(g, up, 4, shape.vaeChannels(), 3, random));
        Value rgb = g.tanh(conv(g, features, shape.vaeChannels(), 3, 1, random));
        g.output("sample", rgb, "batch", 3, "height", "width");
        return g.toModel();
    }

    static Value conv(OnnxGraph g, Value x, int in, int out, int kernel, SplittableRandom random) {
        long pad = kernel / 2;
        Value w = g.constant(weights(random, out * in * kernel * kernel, 1f / (float) Math.sqrt(in * kernel * kernel)), out, in, kernel, kernel);
        Value b = g.constant(weights(random, out, 0.1f), out);
        return g.op("Conv", Map.of("pads", new long[] {pad, pad, pad, pad}), x, w, b);
    }

    static float[] weights(SplittableRandom random, int n, float scale) {
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = (float) ((random.nextDouble() * 2 - 1) * scale);
        }
        return w;
    }
}
