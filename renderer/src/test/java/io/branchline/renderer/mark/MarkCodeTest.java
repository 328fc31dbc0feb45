package io.branchline.renderer.mark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MarkCodeTest {

    private static final MarkPayload PAYLOAD = new MarkPayload(0x5EED_1234, 0x9ABC_DEF0);

    private static double[] soft(MarkPayload payload) {
        int[] code = MarkCode.encode(payload);
        double[] soft = new double[code.length];
        for (int i = 0; i < code.length; i++) {
            soft[i] = 3.0 * code[i];
        }
        return soft;
    }

    @Test
    void aPayloadComesBackFromItsBits() {
        MarkCode.Decoded d = MarkCode.decode(soft(PAYLOAD)).orElseThrow();
        assertEquals(PAYLOAD, d.payload());
        assertEquals(0, d.flipped());
        assertEquals(0x5EED_1234_9ABC_DEF0L, PAYLOAD.bits());
        assertEquals(PAYLOAD, MarkPayload.ofBits(PAYLOAD.bits()));
    }

    @Test
    void weakWrongBitsAreCorrected() {
        double[] soft = soft(PAYLOAD);
        soft[3] = -0.1 * Math.signum(soft[3]);
        soft[70] = -0.2 * Math.signum(soft[70]);
        MarkCode.Decoded d = MarkCode.decode(soft).orElseThrow();
        assertEquals(PAYLOAD, d.payload());
        assertEquals(2, d.flipped());
    }

    @Test
    void aStrongWrongBitIsNotGuessedAway() {
        double[] soft = soft(PAYLOAD);
        soft[10] = -soft[10];
        assertTrue(MarkCode.decode(soft).isEmpty(), "a confident wrong bit is not among the least certain: no payload");
    }

    @Test
    void randomStrengthsNeverDecode() {
        SplittableRandom random = new SplittableRandom(13);
        int found = 0;
        for (int n = 0; n < 20_000; n++) {
            double[] soft = new double[MarkCode.BITS];
            for (int i = 0; i < soft.length; i++) {
                soft[i] = random.nextDouble(-1, 1);
            }
            found += MarkCode.decode(soft).isPresent() ? 1 : 0;
        }
        // At most 2^8 / 2^32 a try: 20,000 tries expect 0.001 false matches.
        assertEquals(0, found);
    }

    @Test
    void theVisitIdIsTheKeysFirst32Bits() {
        assertEquals(0x9ABC_DEF0, MarkPayload.visitId("9abcdef0" + "0".repeat(56)));
        assertEquals("9abcdef0", MarkPayload.hex(0x9ABC_DEF0));
    }
}
