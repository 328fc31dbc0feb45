package io.branchline.renderer.neural;

/**
 * Reference phrases, each with a few numbers (a colour, a grade): a prompt gets the blend of
 * the anchors' numbers, weighted by how close its embedding lies to each phrase's (a softmax of
 * cosine similarities). This is how meaning reaches the picture directly: a prompt about a
 * night street comes out dark, a beach bright and warm, a "black and white" style grey.
 *
 * <p>The mean of the anchors' embeddings also serves as the centre that {@link #centred}
 * removes: what all sentences share says nothing about one of them, and taking it away leaves
 * related prompts close and unrelated ones far apart.
 */
final class PromptAnchors {

    private record Anchor(String phrase, float... values) {
    }

    /** Base colours (RGB in [0, 1]) of generated pictures. */
    private static final Anchor[] COLOURS = {
        new Anchor("night, darkness and deep shadows", 0.08f, 0.09f, 0.20f),
        new Anchor("neon lights in a city at night", 0.45f, 0.16f, 0.58f),
        new Anchor("fire, flames and glowing embers", 0.88f, 0.36f, 0.10f),
        new Anchor("a bright sunny summer day", 0.96f, 0.82f, 0.48f),
        new Anchor("the sea, water and waves", 0.12f, 0.42f, 0.68f),
        new Anchor("a green forest with trees and grass", 0.20f, 0.48f, 0.20f),
        new Anchor("snow, ice and a cold winter", 0.78f, 0.85f, 0.95f),
        new Anchor("a desert of sand and dust", 0.82f, 0.64f, 0.40f),
        new Anchor("blood, anger and danger", 0.62f, 0.07f, 0.10f),
        new Anchor("pink blossoms and flowers in spring", 0.92f, 0.56f, 0.72f),
        new Anchor("an old castle of grey stone", 0.42f, 0.42f, 0.44f),
        new Anchor("gold, treasure and riches", 0.86f, 0.66f, 0.20f),
        new Anchor("a sunset sky over the hills", 0.95f, 0.48f, 0.32f),
        new Anchor("mist and fog on a quiet morning", 0.66f, 0.69f, 0.72f),
        new Anchor("outer space, stars and galaxies", 0.12f, 0.07f, 0.30f),
        new Anchor("a cosy room lit by warm lamps", 0.70f, 0.45f, 0.25f),
    };

    /** Grades of a style: saturation (1 = unchanged), contrast (1 = unchanged), warmth (−1 cold … 1 warm). */
    private static final Anchor[] GRADES = {
        new Anchor("a black and white photograph, monochrome, greyscale", 0.0f, 1.15f, 0.0f),
        new Anchor("film noir, harsh shadows, high contrast", 0.15f, 1.4f, -0.1f),
        new Anchor("vivid saturated colours, neon glow", 1.6f, 1.15f, 0.0f),
        new Anchor("a faded vintage photograph, sepia", 0.35f, 0.85f, 0.8f),
        new Anchor("soft pastel colours, dreamy and light", 0.75f, 0.8f, 0.2f),
        new Anchor("warm golden hour light", 1.15f, 1.05f, 0.9f),
        new Anchor("cold blue moonlight", 0.85f, 1.05f, -0.9f),
        new Anchor("natural, realistic colours", 1.0f, 1.0f, 0.0f),
        new Anchor("a watercolour painting", 0.9f, 0.88f, 0.15f),
        new Anchor("a rich oil painting", 1.25f, 1.1f, 0.25f),
        new Anchor("a gritty, bleak, desaturated war film", 0.45f, 1.25f, -0.2f),
        new Anchor("a bright cartoon", 1.5f, 1.2f, 0.1f),
    };

    /** How sharply the nearest anchors win the blend (a softmax temperature on cosine similarity). */
    private static final double TEMPERATURE = 0.06;

    private final Anchor[] anchors;
    private final float[][] embeddings;
    private final float[] centre;

    private PromptAnchors(TextEncoder encoder, Anchor[] anchors) {
        this.anchors = anchors;
        this.embeddings = new float[anchors.length][];
        this.centre = new float[encoder.dimensions()];
        for (int i = 0; i < anchors.length; i++) {
            embeddings[i] = encoder.embed(anchors[i].phrase());
            for (int d = 0; d < centre.length; d++) {
                centre[d] += embeddings[i][d] / anchors.length;
            }
        }
    }

    /** Base colours, RGB in [0, 1]. */
    static PromptAnchors colours(TextEncoder encoder) {
        return new PromptAnchors(encoder, COLOURS);
    }

    /** Grades: saturation, contrast, warmth. */
    static PromptAnchors grades(TextEncoder encoder) {
        return new PromptAnchors(encoder, GRADES);
    }

    /** How many anchors there are. */
    int size() {
        return anchors.length;
    }

    /** The anchors' numbers, blended for {@code embedding}. */
    float[] blend(float[] embedding) {
        double[] weights = weights(embedding);
        float[] out = new float[anchors[0].values().length];
        for (int k = 0; k < out.length; k++) {
            double sum = 0;
            for (int i = 0; i < anchors.length; i++) {
                sum += weights[i] * anchors[i].values()[k];
            }
            out[k] = (float) sum;
        }
        return out;
    }

    /**
     * The blend weights as a unit vector: which anchors the prompt is near. Prompts near the
     * same anchors get nearly the same vector however their wording differs.
     */
    float[] affinity(float[] embedding) {
        double[] weights = weights(embedding);
        double norm = 0;
        for (double w : weights) {
            norm += w * w;
        }
        norm = Math.sqrt(norm);
        float[] out = new float[weights.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (weights[i] / norm);
        }
        return out;
    }

    /** Softmax of the cosine similarities to the anchors. */
    private double[] weights(float[] embedding) {
        double[] weights = new double[anchors.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < anchors.length; i++) {
            weights[i] = dot(embedding, embeddings[i]) / TEMPERATURE;
            max = Math.max(max, weights[i]);
        }
        double sum = 0;
        for (int i = 0; i < anchors.length; i++) {
            weights[i] = Math.exp(weights[i] - max);
            sum += weights[i];
        }
        for (int i = 0; i < anchors.length; i++) {
            weights[i] /= sum;
        }
        return weights;
    }

    /**
     * What the networks' weights are projected from: the centred embedding next to the
     * affinity, weighted {@code 1 - share} to {@code share} and scaled so the whole is a unit
     * vector (both parts are). The larger the share, the more prompts near the same anchors
     * look alike, and the less their own wording moves the picture.
     */
    float[] features(float[] embedding, float share) {
        float[] centred = centred(embedding);
        float[] affinity = affinity(embedding);
        float[] features = new float[centred.length + affinity.length];
        double a = share / Math.sqrt(share * share + (1 - share) * (1 - share));
        double b = (1 - share) / Math.sqrt(share * share + (1 - share) * (1 - share));
        for (int d = 0; d < centred.length; d++) {
            features[d] = (float) (b * centred[d]);
        }
        for (int i = 0; i < affinity.length; i++) {
            features[centred.length + i] = (float) (a * affinity[i]);
        }
        return features;
    }

    /** The embedding less the anchors' mean, L2-normalised again. */
    float[] centred(float[] embedding) {
        float[] c = new float[embedding.length];
        double norm = 0;
        for (int d = 0; d < c.length; d++) {
            c[d] = embedding[d] - centre[d];
            norm += c[d] * (double) c[d];
        }
        norm = Math.max(Math.sqrt(norm), 1e-12);
        for (int d = 0; d < c.length; d++) {
            c[d] = (float) (c[d] / norm);
        }
        return c;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * (double) b[i];
        }
        return s;
    }
}
