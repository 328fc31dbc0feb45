package io.branchline.engine.media;

import java.util.SplittableRandom;

/**
 * The few sound-making parts the example sounds are built from: seeded noise, simple
 * filters and envelopes, on mono float buffers at {@link #RATE}. All arithmetic is plain
 * Java floating point and {@link StrictMath}, so a sound comes out the same on every machine.
 */
final class Synth {

    /** Sample rate of every example sound. */
    static final int RATE = 48_000;

    private Synth() {
    }

    static int samples(double seconds) {
        return (int) StrictMath.round(seconds * RATE);
    }

    /** White noise from -1 to 1. */
    static float[] noise(long seed, int n) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) (rng.nextDouble() * 2 - 1);
        }
        return out;
    }

    /** A one-pole low-pass at {@code hz}, in place. */
    static float[] lowPass(float[] x, double hz) {
        double a = 1 - StrictMath.exp(-2 * StrictMath.PI * hz / RATE);
        double y = 0;
        for (int i = 0; i < x.length; i++) {
            y += a * (x[i] - y);
            x[i] = (float) y;
        }
        return x;
    }

    /** A one-pole high-pass at {@code hz}, in place. */
    static float[] highPass(float[] x, double hz) {
        double a = 1 - StrictMath.exp(-2 * StrictMath.PI * hz / RATE);
        double low = 0;
        for (int i = 0; i < x.length; i++) {
            low += a * (x[i] - low);
            x[i] = (float) (x[i] - low);
        }
        return x;
    }

    /** A resonant band-pass (RBJ biquad, constant peak gain) at {@code hz} with quality {@code q}, in place. */
    static float[] bandPass(float[] x, double hz, double q) {
        double w = 2 * StrictMath.PI * hz / RATE;
        double alpha = StrictMath.sin(w) / (2 * q);
        double a0 = 1 + alpha;
        double b0 = alpha / a0;
        double b2 = -alpha / a0;
        double a1 = -2 * StrictMath.cos(w) / a0;
        double a2 = (1 - alpha) / a0;
        double x1 = 0;
        double x2 = 0;
        double y1 = 0;
        double y2 = 0;
        for (int i = 0; i < x.length; i++) {
            double y = b0 * x[i] + b2 * x2 - a1 * y1 - a2 * y2;
            x2 = x1;
            x1 = x[i];
            y2 = y1;
            y1 = y;
            x[i] = (float) y;
        }
        return x;
    }

    /** Scales {@code x} so its loudest sample is {@code peak}. */
    static float[] normalize(float[] x, double peak) {
        double max = 1e-9;
        for (float v : x) {
            max = StrictMath.max(max, StrictMath.abs(v));
        }
        double k = peak / max;
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (x[i] * k);
        }
        return x;
    }

    /** Adds {@code source} times {@code gain} into {@code into}, starting at sample {@code at}. */
    static void mix(float[] into, float[] source, int at, double gain) {
        for (int i = 0; i < source.length && at + i < into.length; i++) {
            if (at + i >= 0) {
                into[at + i] += (float) (source[i] * gain);
            }
        }
    }

    /** Fades the first {@code in} and last {@code out} seconds in and out (raised cosine), in place. */
    static float[] fade(float[] x, double in, double out) {
        int a = samples(in);
        int b = samples(out);
        for (int i = 0; i < a && i < x.length; i++) {
            x[i] *= (float) (0.5 - 0.5 * StrictMath.cos(StrictMath.PI * i / a));
        }
        for (int i = 0; i < b && i < x.length; i++) {
            x[x.length - 1 - i] *= (float) (0.5 - 0.5 * StrictMath.cos(StrictMath.PI * i / b));
        }
        return x;
    }

    /** Interleaves a left and a right channel of equal length. */
    static float[] stereo(float[] left, float[] right) {
        float[] out = new float[left.length * 2];
        for (int i = 0; i < left.length; i++) {
            out[2 * i] = left[i];
            out[2 * i + 1] = right[i];
        }
        return out;
    }
}
