package io.branchline.renderer.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CLIP's byte-level BPE tokenizer over the {@code vocab.json} and {@code merges.txt} of a
 * Hugging Face export, as Stable Diffusion's text encoder expects it: the text is cleaned (Unicode
 * NFC, white space collapsed and trimmed) and lower-cased; CLIP's pattern splits it into words,
 * digits one by one, and runs of punctuation; each word's UTF-8 bytes are mapped to printable
 * characters (GPT-2's byte table), its last character marked with {@code </w>}, and the pairs of
 * symbols merged by rank until no listed pair is left. The ids are framed by
 * {@code <|startoftext|>} and {@code <|endoftext|>}, cut to {@link #length()} and padded with the
 * pad token. A symbol the vocabulary lacks becomes the unknown token ({@code <|endoftext|>}).
 *
 * <p>Instances are safe to share between threads.
 */
public final class ClipTokenizer {

    /** The sequence length CLIP's text encoders take. */
    public static final int LENGTH = 77;
    public static final String START = "<|startoftext|>";
    public static final String END = "<|endoftext|>";
    static final String END_OF_WORD = "</w>";

    private static final Pattern WORDS = Pattern.compile(
            "<\\|startoftext\\|>|<\\|endoftext\\|>|'s|'t|'re|'ve|'m|'ll|'d|[\\p{L}]+|[\\p{N}]|[^\\s\\p{L}\\p{N}]+",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS);
    // Unicode white space (a no-break space too), as the regular expressions of CLIP's tokenizers see it.
    private static final Pattern SPACES = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);
    private static final char[] BYTE_CHARS = byteChars();
    /** Words whose merges are remembered; prompts come from viewers too, so the memory is bounded. */
    private static final int CACHE_LIMIT = 50_000;

    private final Map<String, Integer> vocabulary;
    private final Map<String, Integer> ranks;
    private final int start;
    private final int end;
    private final int pad;
    private final int unknown;
    private final int length;
    private final Map<String, List<String>> cache = new ConcurrentHashMap<>();

    /**
     * @param vocabulary each symbol's id
     * @param merges     the merge pairs in rank order, each {@code "a b"}
     * @param padToken   the token that fills the sequence after {@code <|endoftext|>}
     * @param length     the sequence length, start and end tokens included
     * @throws IllegalArgumentException when the vocabulary lacks the start, end or pad token
     */
    public ClipTokenizer(Map<String, Integer> vocabulary, List<String> merges, String padToken, int length) {
        if (length < 2) {
            throw new IllegalArgumentException("a CLIP sequence holds at least the start and end tokens, not " + length);
        }
        this.vocabulary = Map.copyOf(vocabulary);
        this.ranks = new HashMap<>();
        for (String merge : merges) {
            ranks.putIfAbsent(merge, ranks.size());
        }
        this.start = required(START);
        this.end = required(END);
        this.pad = required(padToken);
        this.unknown = end;
        this.length = length;
    }

    /**
     * Reads {@code tokenizer/} of an export: {@code vocab.json}, {@code merges.txt} and, when
     * present, the pad token of {@code special_tokens_map.json} or {@code tokenizer_config.json}
     * (else {@code <|endoftext|>}); the length is the config's {@code model_max_length} when it
     * is a sensible number, else 77.
     *
     * @throws IOException when a file is missing or malformed, the message naming it
     */
    public static ClipTokenizer read(Path folder) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Path vocabFile = folder.resolve("vocab.json");
        Path mergesFile = folder.resolve("merges.txt");
        Map<String, Integer> vocabulary = new HashMap<>();
        JsonNode vocab;
        try {
            vocab = json.readTree(vocabFile.toFile());
        } catch (IOException e) {
            throw new IOException(vocabFile + " cannot be read as JSON: " + e.getMessage(), e);
        }
        if (vocab == null || !vocab.isObject()) {
            throw new IOException(vocabFile + " does not hold a JSON object of symbols and ids");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = vocab.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            vocabulary.put(e.getKey(), e.getValue().asInt());
        }
        List<String> merges = new ArrayList<>();
        for (String line : Files.readAllLines(mergesFile, StandardCharsets.UTF_8)) {
            if (line.startsWith("#version") || line.isBlank()) {
                continue;
            }
            merges.add(line.strip());
        }
        String padToken = END;
        int length = LENGTH;
        for (String name : List.of("tokenizer_config.json", "special_tokens_map.json")) {
            Path file = folder.resolve(name);
            if (Files.isRegularFile(file)) {
                JsonNode config = json.readTree(file.toFile());
                JsonNode padNode = config.path("pad_token");
                String found = padNode.isObject() ? padNode.path("content").asText(null) : padNode.asText(null);
                if (found != null && !found.isEmpty() && !padNode.isNull()) {
                    padToken = found;
                }
                int max = config.path("model_max_length").asInt(0);
                if (max >= 2 && max <= 1024) {
                    length = max;
                }
            }
        }
        try {
            return new ClipTokenizer(vocabulary, merges, padToken, length);
        } catch (IllegalArgumentException e) {
            throw new IOException(folder + ": " + e.getMessage(), e);
        }
    }

    /** The sequence length every call to {@link #encode} returns. */
    public int length() {
        return length;
    }

    /** The ids of {@code text}: start token, at most {@code length - 2} symbols, end token, padding. */
    public int[] encode(String text) {
        int[] ids = new int[length];
        Arrays.fill(ids, pad);
        ids[0] = start;
        int n = 1;
        for (String symbol : symbols(text)) {
            if (n == length - 1) {
                break;
            }
            ids[n++] = vocabulary.getOrDefault(symbol, unknown);
        }
        ids[n] = end;
        return ids;
    }

    /** The BPE symbols of {@code text}, without start, end or padding, and not cut to length. */
    public List<String> symbols(String text) {
        List<String> symbols = new ArrayList<>();
        Matcher words = WORDS.matcher(clean(text));
        while (words.find()) {
            String word = words.group();
            if (word.equalsIgnoreCase(START) || word.equalsIgnoreCase(END)) {
                symbols.add(word.toLowerCase(Locale.ROOT));
                continue;
            }
            String bytes = byteLevel(word);
            List<String> known = cache.get(bytes);
            if (known == null) {
                known = bpe(bytes);
                if (cache.size() < CACHE_LIMIT) {
                    cache.put(bytes, known);
                }
            }
            symbols.addAll(known);
        }
        return symbols;
    }

    /** CLIP's clean-up: NFC, white space runs to one space, trimmed, lower case. */
    static String clean(String text) {
        String normal = Normalizer.normalize(text, Normalizer.Form.NFC);
        return SPACES.matcher(normal).replaceAll(" ").strip().toLowerCase(Locale.ROOT);
    }

    /** A word's UTF-8 bytes as the printable characters of GPT-2's byte table. */
    static String byteLevel(String word) {
        byte[] bytes = word.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length);
        for (byte b : bytes) {
            out.append(BYTE_CHARS[b & 0xFF]);
        }
        return out.toString();
    }

    private List<String> bpe(String word) {
        List<String> parts = new ArrayList<>();
        int[] codePoints = word.codePoints().toArray();
        for (int i = 0; i < codePoints.length; i++) {
            String symbol = new String(codePoints, i, 1);
            parts.add(i == codePoints.length - 1 ? symbol + END_OF_WORD : symbol);
        }
        while (parts.size() > 1) {
            int best = -1;
            int bestRank = Integer.MAX_VALUE;
            for (int i = 0; i + 1 < parts.size(); i++) {
                Integer rank = ranks.get(parts.get(i) + " " + parts.get(i + 1));
                if (rank != null && rank < bestRank) {
                    bestRank = rank;
                    best = i;
                }
            }
            if (best < 0) {
                break;
            }
            // Merge every occurrence of the best pair, left to right, as CLIP does.
            String first = parts.get(best);
            String second = parts.get(best + 1);
            List<String> merged = new ArrayList<>(parts.size());
            for (int i = 0; i < parts.size(); i++) {
                if (i + 1 < parts.size() && parts.get(i).equals(first) && parts.get(i + 1).equals(second)) {
                    merged.add(first + second);
                    i++;
                } else {
                    merged.add(parts.get(i));
                }
            }
            parts = merged;
        }
        return List.copyOf(parts);
    }

    private int required(String token) {
        Integer id = vocabulary.get(token);
        if (id == null) {
            throw new IllegalArgumentException("the vocabulary has no \"" + token + "\" token; expected CLIP's "
                    + START + ", " + END + " and the pad token");
        }
        return id;
    }

    /** GPT-2's table: printable Latin-1 bytes stand for themselves, the others for U+0100 onwards. */
    private static char[] byteChars() {
        char[] chars = new char[256];
        boolean[] printable = new boolean[256];
        for (int b = '!'; b <= '~'; b++) {
            printable[b] = true;
        }
        for (int b = 0xA1; b <= 0xAC; b++) {
            printable[b] = true;
        }
        for (int b = 0xAE; b <= 0xFF; b++) {
            printable[b] = true;
        }
        int next = 0;
        for (int b = 0; b < 256; b++) {
            chars[b] = printable[b] ? (char) b : (char) (256 + next++);
        }
        return chars;
    }
}
