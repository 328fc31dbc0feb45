package io.branchline.engine.policy;

import io.branchline.renderer.neural.TextEncoder;
import java.util.List;

/** How close a prompt is to a category's example sentences: the highest cosine similarity (embeddings are unit length). */
final class Similarity {

    private final float[][] exemplars;

    /** Embeds the examples once (about 3 ms each with MiniLM on these machines). */
    Similarity(TextEncoder encoder, List<String> sentences) {
        this.exemplars = sentences.stream().map(encoder::embed).toArray(float[][]::new);
    }

    double max(float[] prompt) {
        double best = Double.NEGATIVE_INFINITY;
        for (float[] e : exemplars) {
            double dot = 0;
            for (int i = 0; i < e.length; i++) {
                dot += e[i] * prompt[i];
            }
            best = Math.max(best, dot);
        }
        return exemplars.length == 0 ? Double.NaN : best;
    }
}
