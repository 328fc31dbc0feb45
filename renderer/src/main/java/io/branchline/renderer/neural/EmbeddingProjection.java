package io.branchline.renderer.neural;

import java.util.Random;

/**
 * A fixed random linear map from a text embedding to the raw parameters of a network, plus a
 * small seed-driven nudge. Nearby embeddings land on nearby parameters (the map is linear and
 * the embedding unit-length, so two prompts' parameters correlate as their cosine similarity),
 * which is what makes related prompts give related pictures.
 *
 * <p>The matrix comes from {@link java.util.Random}, whose Gaussian sequence the Java
 * specification fixes, so it is the same on every JVM. Raw parameters are about N(0, 1).
 */
final class EmbeddingProjection {

    private final int outputs;
    private final int dimensions;
    private final float[] matrix;
    private final float nudge;

    /**
     * @param outputs    parameters produced
     * @param dimensions length of the embeddings
     * @param matrixSeed fixes the map; part of the network's identity
     * @param nudge      standard deviation of the seed's nudge, relative to the parameters' spread
     */
    EmbeddingProjection(int outputs, int dimensions, long matrixSeed, float nudge) {
        this.outputs = outputs;
        this.dimensions = dimensions;
        this.nudge = nudge;
        this.matrix = new float[outputs * dimensions];
        Random random = new Random(matrixSeed);
        for (int i = 0; i < matrix.length; i++) {
            matrix[i] = (float) random.nextGaussian();
        }
    }

    /** The raw parameters for {@code embedding} and {@code seed}. */
    double[] project(float[] embedding, long seed) {
        if (embedding.length != dimensions) {
            throw new IllegalArgumentException("expected an embedding of " + dimensions + " values, got " + embedding.length);
        }
        double[] raw = new double[outputs];
        Random random = new Random(seed * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L);
        for (int k = 0; k < outputs; k++) {
            double sum = 0;
            int row = k * dimensions;
            for (int d = 0; d < dimensions; d++) {
                sum += matrix[row + d] * (double) embedding[d];
            }
            raw[k] = sum + nudge * random.nextGaussian();
        }
        return raw;
    }
}
