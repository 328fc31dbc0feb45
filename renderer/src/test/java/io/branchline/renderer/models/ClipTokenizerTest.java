package io.branchline.renderer.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * CLIP's tokenizer on a small vocabulary and merge list written here, against tokenizations
 * worked out by hand from CLIP's rules (the comment on each case shows the merges that apply).
 */
class ClipTokenizerTest {

    /** The merges, in rank order. */
    static final List<String> MERGES = List.of(
            "t h", "th e</w>", "i n", "in g</w>", "c a", "ca t</w>", "s e", "se a</w>", "o n</w>", "l i",
            "g h", "li gh", "ligh t</w>", "' s</w>", ". .", ".. .</w>", "Ã ©</w>", "t o", "to w", "tow e",
            "towe r</w>", "a r", "ar t</w>", "th e");

    /** Printable ASCII alone and at a word's end, each merge's result, then the two special tokens. */
    static final Map<String, Integer> VOCAB = vocabulary();

    static final ClipTokenizer CLIP = new ClipTokenizer(VOCAB, MERGES, ClipTokenizer.END, 77);

    static Map<String, Integer> vocabulary() {
        List<String> symbols = new ArrayList<>();
        for (char c = '!'; c <= '~'; c++) {
            symbols.add(String.valueOf(c));
        }
        for (char c = '!'; c <= '~'; c++) {
            symbols.add(c + "</w>");
        }
        for (String merge : MERGES) {
            String joined = merge.replace(" ", "");
            if (!symbols.contains(joined)) {
                symbols.add(joined);
            }
        }
        symbols.add(ClipTokenizer.START);
        symbols.add(ClipTokenizer.END);
        Map<String, Integer> vocab = new LinkedHashMap<>();
        symbols.forEach(s -> vocab.put(s, vocab.size()));
        return vocab;
    }

    static Stream<Arguments> prompts() {
        return Stream.of(
                // lower-casing and white space
                Arguments.of("the cat", "the</w> cat</w>"),                  // t h→th, th e</w>→the</w>; c a→ca, ca t</w>
                Arguments.of("The Cat", "the</w> cat</w>"),
                Arguments.of("  the   cat  ", "the</w> cat</w>"),
                Arguments.of("the\tcat\n", "the</w> cat</w>"),
                Arguments.of("THE SEA", "the</w> sea</w>"),                   // s e→se, se a</w>→sea</w>
                Arguments.of("tHe CaT\u00A0sea", "the</w> cat</w> sea</w>"),  // a no-break space is white space
                Arguments.of("the the the", "the</w> the</w> the</w>"),
                Arguments.of("", ""),
                Arguments.of("   ", ""),
                // apostrophes: CLIP's contractions are words of their own
                Arguments.of("cat's", "cat</w> 's</w>"),                      // ' s</w>→'s</w>
                Arguments.of("it's", "i t</w> 's</w>"),
                Arguments.of("don't", "d on</w> ' t</w>"),                    // o n</w>→on</w>; no "' t</w>" merge
                Arguments.of("we're", "w e</w> ' r e</w>"),
                Arguments.of("i've", "i</w> ' v e</w>"),
                Arguments.of("i'm", "i</w> ' m</w>"),
                Arguments.of("you'll", "y o u</w> ' l l</w>"),
                Arguments.of("she'd", "s h e</w> ' d</w>"),                   // "s e" is no pair: h between
                Arguments.of("'s", "'s</w>"),
                Arguments.of("''", "' '</w>"),                                // a run of punctuation, one word
                Arguments.of("cat's!", "cat</w> 's</w> !</w>"),
                Arguments.of("the cat's light", "the</w> cat</w> 's</w> light</w>"),
                Arguments.of("CAT'S", "cat</w> 's</w>"),
                // digits, one at a time
                Arguments.of("123", "1</w> 2</w> 3</w>"),
                Arguments.of("4k", "4</w> k</w>"),
                Arguments.of("2024", "2</w> 0</w> 2</w> 4</w>"),
                Arguments.of("x2y", "x</w> 2</w> y</w>"),
                Arguments.of("3.5", "3</w> .</w> 5</w>"),
                Arguments.of("the 2 cats", "the</w> 2</w> ca t s</w>"),       // "ca t" merges only at the end
                // punctuation
                Arguments.of("cat.", "cat</w> .</w>"),
                Arguments.of("cat...", "cat</w> ...</w>"),                    // . .→.., .. .</w>→...</w>
                Arguments.of("cat!?", "cat</w> ! ?</w>"),
                Arguments.of("sea, light", "sea</w> ,</w> light</w>"),        // l i, g h, li gh, ligh t</w>
                Arguments.of("sea-light", "sea</w> -</w> light</w>"),
                Arguments.of("a/b", "a</w> /</w> b</w>"),
                Arguments.of("(the)", "(</w> the</w> )</w>"),
                Arguments.of("cat:", "cat</w> :</w>"),
                Arguments.of("\"cat\"", "\"</w> cat</w> \"</w>"),
                // merges by rank, </w> deciding
                Arguments.of("lighting", "ligh t ing</w>"),                   // i n (rank 2) before l i (9); "ligh t" is no merge
                Arguments.of("tower", "tower</w>"),                           // t o, to w, tow e, towe r</w>
                Arguments.of("towers", "towe r s</w>"),
                Arguments.of("art", "art</w>"),                               // a r, ar t</w>
                Arguments.of("cart", "ca r t</w>"),                           // c a (4) before a r (21)
                Arguments.of("on", "on</w>"),
                Arguments.of("onion", "o n i on</w>"),                        // only "o n</w>" is a merge
                Arguments.of("sing", "s ing</w>"),
                Arguments.of("seeing", "se e ing</w>"),                       // i n, in g</w>, then s e
                Arguments.of("seas", "se a s</w>"),
                Arguments.of("then", "the n</w>"),                            // t h, then th e (rank 23)
                Arguments.of("there", "the r e</w>"),
                // bytes beyond ASCII
                Arguments.of("café", "ca f Ã©</w>"),                          // é is bytes C3 A9: Ã ©</w>→Ã©</w>
                Arguments.of("CAFÉ", "ca f Ã©</w>"),
                Arguments.of("e\u0301", "Ã©</w>"),                            // NFC makes e + combining acute é
                Arguments.of("niño", "n i ? ? o</w>"),                        // ñ is C3 B1: neither in the vocabulary
                Arguments.of("\uD83D\uDE42", "? ? ? ?"),                       // an emoji: four unknown bytes
                // special tokens in the text stay whole
                Arguments.of("<|startoftext|>cat", "<|startoftext|> cat</w>"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("prompts")
    void tokenizesAsWorkedOutByHand(String prompt, String expected) {
        int[] ids = CLIP.encode(prompt);
        List<Integer> want = new ArrayList<>();
        want.add(VOCAB.get(ClipTokenizer.START));
        for (String symbol : expected.isEmpty() ? new String[0] : expected.split(" ")) {
            // "?" stands for a symbol the vocabulary lacks: the unknown token, CLIP's <|endoftext|>.
            want.add(symbol.equals("?") ? VOCAB.get(ClipTokenizer.END) : VOCAB.get(symbol));
        }
        want.add(VOCAB.get(ClipTokenizer.END));
        while (want.size() < 77) {
            want.add(VOCAB.get(ClipTokenizer.END));
        }
        assertEquals(want, Arrays.stream(ids).boxed().toList(), () -> prompt + " → " + CLIP.symbols(prompt));
    }

    @Test
    void countsAtLeastFiftyPrompts() {
        assertTrue(prompts().count() >= 50);
    }

    @Test
    void idsAreTheVocabularysNumbers() {
        int[] ids = CLIP.encode("The cat");
        assertEquals(VOCAB.size() - 2, ids[0]);   // <|startoftext|>
        assertEquals(VOCAB.get("the</w>"), ids[1]);
        assertEquals(VOCAB.get("cat</w>"), ids[2]);
        assertEquals(VOCAB.size() - 1, ids[3]);   // <|endoftext|>
        assertEquals(VOCAB.get("!") + 94, VOCAB.get("!</w>"));
    }

    @Test
    void truncatesToSeventySevenKeepingTheEndToken() {
        int end = VOCAB.get(ClipTokenizer.END);
        int cat = VOCAB.get("cat</w>");
        for (int words : new int[] {74, 75, 76, 100}) {
            int[] ids = CLIP.encode("cat ".repeat(words));
            assertEquals(77, ids.length);
            int kept = Math.min(words, 75);
            for (int i = 1; i <= kept; i++) {
                assertEquals(cat, ids[i], "word " + i + " of " + words);
            }
            assertEquals(end, ids[kept + 1], words + " words");
            assertTrue(kept + 2 > 76 || ids[76] == end, "padding after " + words + " words");
        }
    }

    @Test
    void padsWithThePadTokenTheConfigNames() {
        ClipTokenizer bang = new ClipTokenizer(VOCAB, MERGES, "!", 77);
        int[] ids = bang.encode("the cat");
        assertEquals(VOCAB.get(ClipTokenizer.END), ids[3]);
        for (int i = 4; i < 77; i++) {
            assertEquals(VOCAB.get("!"), ids[i]);
        }
    }

    @Test
    void refusesAVocabularyWithoutTheSpecialTokens() {
        Map<String, Integer> vocab = new LinkedHashMap<>(VOCAB);
        vocab.remove(ClipTokenizer.START);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ClipTokenizer(vocab, MERGES, ClipTokenizer.END, 77));
        assertTrue(e.getMessage().contains("<|startoftext|>"), e.getMessage());
    }

    @Test
    void readsAnExportsTokenizerFolder(@TempDir Path dir) throws IOException {
        writeTokenizer(dir, "!");
        ClipTokenizer read = ClipTokenizer.read(dir);
        assertEquals(77, read.length());
        assertArrayEquals(new ClipTokenizer(VOCAB, MERGES, "!", 77).encode("The lighting, café 2024"),
                read.encode("The lighting, café 2024"));
        assertEquals(VOCAB.get("!"), read.encode("cat")[10]);
    }

    @Test
    void aMissingVocabularyIsNamed(@TempDir Path dir) {
        IOException e = assertThrows(IOException.class, () -> ClipTokenizer.read(dir));
        assertTrue(e.getMessage().contains("vocab.json"), e.getMessage());
    }

    /** Writes vocab.json, merges.txt (with its version line) and special_tokens_map.json. */
    static void writeTokenizer(Path dir, String padToken) throws IOException {
        String vocab = VOCAB.entrySet().stream()
                .map(e -> "\"" + e.getKey().replace("\\", "\\\\").replace("\"", "\\\"") + "\": " + e.getValue())
                .collect(Collectors.joining(", ", "{", "}"));
        Files.writeString(dir.resolve("vocab.json"), vocab, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("merges.txt"), "#version: 0.2\n" + String.join("\n", MERGES) + "\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("special_tokens_map.json"), "{\"pad_token\": \"" + padToken + "\", \"bos_token\": \""
                + ClipTokenizer.START + "\"}", StandardCharsets.UTF_8);
    }
}
