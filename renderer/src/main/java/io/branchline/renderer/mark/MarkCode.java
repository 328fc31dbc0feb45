package io.branchline.renderer.mark;

import java.util.Optional;
import java.util.zip.CRC32;

/**
 * The bit string the watermark embeds: the 64 payload bits followed by the CRC-32 of the payload's
 * 8 bytes, 96 bits in all. Reading accepts a bit string only when its CRC holds; if the hard
 * decisions fail, it tries flipping the {@value #FLIP_CANDIDATES} least certain bits in every
 * combination. A random bit string then passes with a chance of at most
 * 2<sup>{@value #FLIP_CANDIDATES}</sup> / 2<sup>32</sup> (about 6&times;10<sup>-8</sup>) per reading.
 */
public final class MarkCode {

    /** Payload bits. */
    public static final int PAYLOAD_BITS = 64;
    /** Bits embedded: payload and CRC-32. */
    public static final int BITS = PAYLOAD_BITS + 32;
    /** The least certain bits whose combinations of flips are tried. */
    public static final int FLIP_CANDIDATES = 8;

    private MarkCode() {
    }

    /** The embedded bits of a payload, as +1 (bit 1) or -1 (bit 0). */
    public static int[] encode(MarkPayload payload) {
        long bits = payload.bits();
        long crc = crc(bits);
        int[] out = new int[BITS];
        for (int i = 0; i < PAYLOAD_BITS; i++) {
            out[i] = ((bits >>> (63 - i)) & 1) == 1 ? 1 : -1;
        }
        for (int i = 0; i < 32; i++) {
            out[PAYLOAD_BITS + i] = ((crc >>> (31 - i)) & 1) == 1 ? 1 : -1;
        }
        return out;
    }

    /** A decoded payload and how many bits error correction had to flip. */
    public record Decoded(MarkPayload payload, int flipped) {
    }

    /**
     * The payload whose code matches the signs of {@code soft} (one strength per embedded bit,
     * positive for 1), flipping at most the {@value #FLIP_CANDIDATES} weakest bits; empty when none does.
     */
    public static Optional<Decoded> decode(double[] soft) {
        if (soft.length != BITS) {
            throw new IllegalArgumentException("expected " + BITS + " bit strengths");
        }
        long bits = 0;
        long crc = 0;
        for (int i = 0; i < PAYLOAD_BITS; i++) {
            bits = (bits << 1) | (soft[i] > 0 ? 1 : 0);
        }
        for (int i = 0; i < 32; i++) {
            crc = (crc << 1) | (soft[PAYLOAD_BITS + i] > 0 ? 1 : 0);
        }
        Integer[] order = new Integer[BITS];
        for (int i = 0; i < BITS; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(Math.abs(soft[a]), Math.abs(soft[b])));
        Decoded best = null;
        // Fewest flips first: of two matches, the one that needs fewer changes is the likelier.
        for (int mask = 0; mask < 1 << FLIP_CANDIDATES; mask++) {
            long b = bits;
            long c = crc;
            for (int k = 0; k < FLIP_CANDIDATES; k++) {
                if ((mask & (1 << k)) != 0) {
                    int bit = order[k];
                    if (bit < PAYLOAD_BITS) {
                        b ^= 1L << (63 - bit);
                    } else {
                        c ^= 1L << (31 - (bit - PAYLOAD_BITS));
                    }
                }
            }
            if (crc(b) == c) {
                int flipped = Integer.bitCount(mask);
                if (best == null || flipped < best.flipped()) {
                    best = new Decoded(MarkPayload.ofBits(b), flipped);
                }
            }
        }
        return Optional.ofNullable(best);
    }

    static long crc(long bits) {
        CRC32 crc = new CRC32();
        for (int i = 7; i >= 0; i--) {
            crc.update((int) (bits >>> (8 * i)) & 0xFF);
        }
        return crc.getValue();
    }
}
