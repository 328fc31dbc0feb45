package io.branchline.engine.media;

import static io.branchline.engine.media.Synth.RATE;

import java.util.SplittableRandom;

/**
 * The example stories' sounds, synthesised: the sea and a ship's engine, rain on glass, a
 * carnival organ's waltz chords, and a tram's bell. Each returns interleaved stereo at
 * {@link Synth#RATE}, peaking below full scale.
 */
final class ExampleSounds {

    private ExampleSounds() {
    }

    /** Swells of low surf with their hiss as they break, under a ferry engine's throbbing hum. */
    static float[] sea(double seconds) {
        int n = Synth.samples(seconds);
        float[][] sides = new float[2][];
        for (int c = 0; c < 2; c++) {
            float[] surf = Synth.lowPass(Synth.lowPass(Synth.noise(301 + c, n), 380), 520);
            float[] hiss = Synth.lowPass(Synth.highPass(Synth.noise(303 + c, n), 1800), 6000);
            Synth.normalize(surf, 1);
            Synth.normalize(hiss, 1);
            float[] out = new float[n];
            for (int i = 0; i < n; i++) {
                double t = i / (double) RATE;
                // a swell every ~2.7 s, the two ears a little apart
                double swell = 0.5 + 0.5 * StrictMath.sin(2 * StrictMath.PI * (t / 2.7 + 0.15 * c) - 1.2);
                double breaking = StrictMath.pow(swell, 6);
                double throb = 0.75 + 0.25 * StrictMath.sin(2 * StrictMath.PI * 4.1 * t);
                double hum = 0;
                for (int h = 1; h <= 4; h++) {
                    hum += StrictMath.sin(2 * StrictMath.PI * 47 * h * (1 + 0.001 * c) * t + h) / (h * h);
                }
                out[i] = (float) (surf[i] * (0.35 + 0.45 * swell) + hiss[i] * 0.22 * breaking + hum * 0.22 * throb);
            }
            sides[c] = Synth.fade(Synth.normalize(out, 0.7), 0.4, 0.6);
        }
        return Synth.stereo(sides[0], sides[1]);
    }

    /** Steady rain: a bright wash of noise and single drops ticking on glass, spread across both ears. */
    static float[] rain(double seconds) {
        int n = Synth.samples(seconds);
        float[][] sides = new float[2][];
        for (int c = 0; c < 2; c++) {
            float[] wash = Synth.lowPass(Synth.highPass(Synth.noise(311 + c, n), 900), 7000);
            float[] rumble = Synth.lowPass(Synth.noise(313 + c, n), 200);
            Synth.normalize(wash, 0.35);
            Synth.normalize(rumble, 0.15);
            float[] out = new float[n];
            for (int i = 0; i < n; i++) {
                out[i] = wash[i] + rumble[i];
            }
            sides[c] = out;
        }
        SplittableRandom drops = new SplittableRandom(317);
        int count = (int) (seconds * 70);
        for (int d = 0; d < count; d++) {
            int at = (int) (drops.nextDouble() * n);
            double pitch = 1800 + drops.nextDouble() * 3600;
            double decay = 0.004 + drops.nextDouble() * 0.012;
            double loud = 0.08 + 0.25 * drops.nextDouble() * drops.nextDouble();
            double pan = drops.nextDouble();
            float[] tick = new float[Synth.samples(decay * 6)];
            for (int i = 0; i < tick.length; i++) {
                double t = i / (double) RATE;
                tick[i] = (float) (StrictMath.sin(2 * StrictMath.PI * pitch * t) * StrictMath.exp(-t / decay));
            }
            Synth.mix(sides[0], tick, at, loud * (1 - pan));
            Synth.mix(sides[1], tick, at, loud * pan);
        }
        float[] stereo = Synth.stereo(Synth.fade(sides[0], 0.3, 0.5), Synth.fade(sides[1], 0.3, 0.5));
        return Synth.normalize(stereo, 0.6);
    }

    /**
     * A carnival organ in waltz time, two bars: A minor, E seventh, and A minor held. Pipes are
     * a few harmonics with a slow vibrato and a breathy start; the bass plays on the one.
     */
    static float[] organ(double seconds) {
        int n = Synth.samples(seconds);
        float[] left = new float[n];
        float[] right = new float[n];
        double beat = 0.42;
        int[][] chords = {
            {57, 60, 64, 69},      // A minor: A3 C4 E4 A4
            {56, 59, 62, 64},      // E7: G#3 B3 D4 E4
            {57, 60, 64, 72},      // A minor, C5 on top
        };
        int[] bass = {45, 40, 45};  // A2, E2, A2
        for (int bar = 0; bar < 3; bar++) {
            double start = bar * 3 * beat;
            boolean last = bar == 2;
            pipe(left, right, midi(bass[bar]), start, last ? seconds - start : beat * 0.9, 0.55, 0.5, 401 + bar);
            for (int b = 1; b <= (last ? 1 : 2); b++) {
                double at = start + b * beat - (last ? beat : 0);
                double length = last ? seconds - at : beat * 0.7;
                for (int k = 0; k < chords[bar].length; k++) {
                    double pan = 0.25 + 0.5 * k / (chords[bar].length - 1);
                    pipe(left, right, midi(chords[bar][k]), at, length, 0.28, pan, 411 + 10 * bar + 3 * b + k);
                }
            }
        }
        Synth.normalize(left, 1);
        Synth.normalize(right, 1);
        float[] stereo = Synth.stereo(Synth.fade(left, 0.01, 0.6), Synth.fade(right, 0.01, 0.6));
        return Synth.normalize(stereo, 0.7);
    }

    /** A tram's bell, struck twice: ding-ding, ringing out. */
    static float[] bell(double seconds) {
        int n = Synth.samples(seconds);
        float[] left = new float[n];
        float[] right = new float[n];
        for (double at : new double[] {0.05, 0.38}) {
            strike(left, 1180, at, 1.0, 0);
            strike(right, 1180, at, 1.0, 1);
        }
        float[] stereo = Synth.stereo(Synth.fade(left, 0.002, 0.4), Synth.fade(right, 0.002, 0.4));
        return Synth.normalize(stereo, 0.7);
    }

    private static double midi(int note) {
        return 440 * StrictMath.pow(2, (note - 69) / 12.0);
    }

    /** One organ pipe of {@code hz} from {@code start} for {@code length} seconds, panned ({@code pan} 0 left, 1 right). */
    private static void pipe(float[] left, float[] right, double hz, double start, double length, double gain, double pan, long seed) {
        int from = Synth.samples(start);
        int count = StrictMath.min(Synth.samples(length), left.length - from);
        if (count <= 0) {
            return;
        }
        float[] chiff = Synth.bandPass(Synth.noise(seed, count), hz * 3, 4);
        double[] harmonics = {1, 0.55, 0.4, 0.18, 0.12, 0.07};
        float[] tone = new float[count];
        for (int i = 0; i < count; i++) {
            double t = i / (double) RATE;
            double vibrato = 1 + 0.004 * StrictMath.sin(2 * StrictMath.PI * 5.6 * t);
            double v = 0;
            for (int h = 0; h < harmonics.length; h++) {
                v += harmonics[h] * StrictMath.sin(2 * StrictMath.PI * hz * (h + 1) * vibrato * t);
            }
            double attack = StrictMath.min(1, t / 0.025);
            double release = StrictMath.min(1, (count - i) / (0.05 * RATE));
            double breath = StrictMath.exp(-t / 0.04);
            tone[i] = (float) ((v * 0.5 * attack + chiff[i] * 0.6 * breath) * release * gain);
        }
        Synth.mix(left, tone, from, 1 - pan);
        Synth.mix(right, tone, from, pan);
    }

    /**
     * One strike of a small bell at {@code at} seconds: inharmonic partials of a struck dome,
     * each dying away at its own rate, with a slow beat that differs between the ears.
     */
    private static void strike(float[] into, double hz, double at, double loud, int ear) {
        double[] ratios = {1, 2.76, 5.40, 8.93};
        double[] levels = {1, 0.55, 0.3, 0.15};
        double[] decays = {1.1, 0.55, 0.25, 0.12};
        int from = Synth.samples(at);
        float[] ring = new float[into.length - from];
        for (int i = 0; i < ring.length; i++) {
            double t = i / (double) RATE;
            double v = 0;
            for (int p = 0; p < ratios.length; p++) {
                double f = hz * ratios[p];
                double beat = 1 + 0.3 * StrictMath.sin(2 * StrictMath.PI * (2.2 + 0.7 * ear) * t);
                v += levels[p] * StrictMath.exp(-t / decays[p]) * StrictMath.sin(2 * StrictMath.PI * f * t) * (p == 0 ? beat : 1);
            }
            ring[i] = (float) (v * loud);
        }
        float[] clank = Synth.highPass(Synth.noise(500 + ear + (long) (at * 100), Synth.samples(0.012)), 2500);
        for (int i = 0; i < clank.length; i++) {
            clank[i] *= (float) (0.6 * StrictMath.exp(-i / (0.003 * RATE)));
        }
        Synth.mix(into, ring, from, 1);
        Synth.mix(into, clank, from, 1);
    }
}
