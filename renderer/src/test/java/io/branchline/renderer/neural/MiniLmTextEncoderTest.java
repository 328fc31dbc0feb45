package io.branchline.renderer.neural;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MiniLmTextEncoderTest {

    private static MiniLmTextEncoder encoder;

    @BeforeAll
    static void load() {
        encoder = MiniLmTextEncoder.load();
    }

    @AfterAll
    static void close() {
        encoder.close();
    }

    @Test
    void tokenizesLikeBert() {
        assertArrayEquals(new long[] {101, 7592, 2088, 102}, encoder.tokenize("hello world"));
        // Upper case and accents fold away; punctuation stands alone.
        assertArrayEquals(encoder.tokenize("hello world"), encoder.tokenize("  HÉLLO\tWörld "));
        assertArrayEquals(new long[] {101, 7592, 1010, 2088, 999, 102}, encoder.tokenize("Hello, world!"));
        // Unknown symbols become [UNK] (100).
        assertArrayEquals(new long[] {101, 100, 102}, encoder.tokenize("\u2603"));
    }

    /** Ids that the Hugging Face {@code tokenizers} library gives for the same tokenizer.json. */
    @Test
    void agreesWithTheReferenceTokenizer() {
        assertArrayEquals(new long[] {101, 14477, 20961, 3468, 102}, encoder.tokenize("unaffable"));
        assertArrayEquals(new long[] {101, 7668, 2139, 3900, 1011, 24728, 1517, 15743, 2358, 27807, 102},
                encoder.tokenize("Caf\u00e9 d\u00e9j\u00e0-vu \u2014 na\u00efve  Stra\u00dfe"));
        assertArrayEquals(new long[] {101, 1037, 16373, 16231, 8975, 2012, 2305, 102},
                encoder.tokenize("a rainy neon alley at night"));
        assertArrayEquals(new long[] {101, 1864, 1876, 1950, 1671, 30239, 30227, 30233, 30240, 3816, 1746, 1861, 102},
                encoder.tokenize("\u65e5\u672c\u8a9e\u306e\u30c6\u30ad\u30b9\u30c8 mixed \u4e2d\u6587"));
        assertArrayEquals(new long[] {101, 100, 102}, encoder.tokenize("x".repeat(120)));
        assertArrayEquals(new long[] {101, 2123, 1005, 1056, 2644, 1017, 1012, 2403, 1002, 2531, 1041, 1011,
                5653, 1030, 29379, 1012, 4012, 102}, encoder.tokenize("don't stop 3.14 $100 e-mail@foo.com"));
    }

    @Test
    void longTextsStopAtTheModelLimit() {
        long[] ids = encoder.tokenize("rain ".repeat(1000));
        assertEquals(MiniLmTextEncoder.MAX_TOKENS, ids.length);
        assertEquals(102, ids[ids.length - 1]);
    }

    @Test
    void embeddingsAreUnitVectorsThatKnowMeaning() {
        float[] alley = encoder.embed("a rainy neon alley at night");
        float[] street = encoder.embed("a wet street with neon lights at night");
        float[] beach = encoder.embed("a sunny beach with palm trees");
        assertEquals(384, alley.length);
        assertEquals(1.0, dot(alley, alley), 1e-4);
        double near = dot(alley, street);
        double far = dot(alley, beach);
        System.out.printf("cos(alley, street) = %.3f, cos(alley, beach) = %.3f%n", near, far);
        assertTrue(near > far + 0.2, "cos(alley, street) = " + near + ", cos(alley, beach) = " + far);
        assertArrayEquals(alley, encoder.embed("a rainy neon alley at night"));
    }

    @Test
    void modelHashCoversTheModelFiles() {
        assertTrue(encoder.modelHash().matches("[0-9a-f]{64}"));
    }

    static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
