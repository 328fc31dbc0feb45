package io.branchline.renderer.compose;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/** Mixes two frames for transitions. */
public final class Blend {

    private Blend() {
    }

    /** {@code into = amount * into + (1 - amount) * from}, per channel; amount from 0 to 1. */
    public static void mix(int[] from, BufferedImage into, double amount) {
        int[] out = ((DataBufferInt) into.getRaster().getDataBuffer()).getData();
        int a = (int) Math.round(Math.max(0, Math.min(1, amount)) * 256);
        int inv = 256 - a;
        for (int i = 0; i < out.length; i++) {
            int p = out[i];
            int q = from == null ? 0 : from[i];
            int r = ((((p >> 16) & 0xFF) * a + ((q >> 16) & 0xFF) * inv) >> 8);
            int g = ((((p >> 8) & 0xFF) * a + ((q >> 8) & 0xFF) * inv) >> 8);
            int b = (((p & 0xFF) * a + (q & 0xFF) * inv) >> 8);
            out[i] = (r << 16) | (g << 8) | b;
        }
    }
}
