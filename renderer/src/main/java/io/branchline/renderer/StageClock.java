package io.branchline.renderer;

import java.util.function.Supplier;

/** Adds up a render's time per stage (see {@link StageTimes}). One render, one thread. */
final class StageClock {

    private long generate;
    private long style;
    private long compose;
    private long encode;
    private long audio;

    void generate(Runnable r) {
        generate += time(r);
    }

    void style(Runnable r) {
        style += time(r);
    }

    void compose(Runnable r) {
        compose += time(r);
    }

    void encode(Runnable r) {
        encode += time(r);
    }

    float[] audio(Supplier<float[]> s) {
        long t = System.nanoTime();
        float[] out = s.get();
        audio += System.nanoTime() - t;
        return out;
    }

    private static long time(Runnable r) {
        long t = System.nanoTime();
        r.run();
        return System.nanoTime() - t;
    }

    StageTimes times() {
        return new StageTimes(generate, style, compose, encode, audio);
    }
}
