package io.branchline.renderer.neural;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * BERT's uncased WordPiece tokenizer over a Hugging Face {@code tokenizer.json}: clean the text,
 * set Chinese characters apart, lower-case, strip accents, split on white space and punctuation,
 * then cut each word into the longest pieces of the vocabulary ({@code ##} marks a piece inside
 * a word; a word that cannot be cut becomes {@code [UNK]}), framed by {@code [CLS]} and
 * {@code [SEP]}.
 */
public final class WordPieceTokenizer {

    private static final int MAX_CHARS_PER_WORD = 100;

    private final Map<String, Integer> vocabulary;
    private final String continuingPrefix;
    private final int unknown;
    private final int classify;
    private final int separator;
    private final int maxTokens;

    private WordPieceTokenizer(Map<String, Integer> vocabulary, String continuingPrefix,
            String unknownToken, int maxTokens) {
        this.vocabulary = vocabulary;
        this.continuingPrefix = continuingPrefix;
        this.unknown = id(unknownToken);
        this.classify = id("[CLS]");
        this.separator = id("[SEP]");
        this.maxTokens = maxTokens;
    }

    /**
     * Reads the WordPiece model of a {@code tokenizer.json}.
     *
     * @param maxTokens the longest sequence, {@code [CLS]} and {@code [SEP]} included
     */
    public static WordPieceTokenizer fromJson(byte[] tokenizerJson, int maxTokens) throws IOException {
        JsonNode model = new ObjectMapper().readTree(tokenizerJson).path("model");
        if (!"WordPiece".equals(model.path("type").asText())) {
            throw new IOException("tokenizer.json does not hold a WordPiece model");
        }
        Map<String, Integer> vocabulary = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = model.path("vocab").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            vocabulary.put(e.getKey(), e.getValue().asInt());
        }
        return new WordPieceTokenizer(vocabulary,
                model.path("continuing_subword_prefix").asText("##"),
                model.path("unk_token").asText("[UNK]"), maxTokens);
    }

    /** The token ids of {@code text}, starting with {@code [CLS]} and ending with {@code [SEP]}. */
    public long[] encode(String text) {
        List<Integer> ids = new ArrayList<>();
        ids.add(classify);
        for (String word : basicTokens(text)) {
            if (!wordPieces(word, ids) || ids.size() >= maxTokens - 1) {
                break;
            }
        }
        while (ids.size() > maxTokens - 1) {
            ids.remove(ids.size() - 1);
        }
        ids.add(separator);
        return ids.stream().mapToLong(Integer::longValue).toArray();
    }

    /** The words and punctuation marks of {@code text} after normalisation. */
    static List<String> basicTokens(String text) {
        StringBuilder cleaned = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (cp == 0 || cp == 0xFFFD || isControl(cp)) {
                return;
            }
            if (isWhitespace(cp)) {
                cleaned.append(' ');
            } else if (isChinese(cp)) {
                cleaned.append(' ').appendCodePoint(cp).append(' ');
            } else {
                cleaned.appendCodePoint(cp);
            }
        });
        String lowered = cleaned.toString().toLowerCase(Locale.ROOT);
        String decomposed = Normalizer.normalize(lowered, Normalizer.Form.NFD);
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        decomposed.codePoints().forEach(cp -> {
            if (Character.getType(cp) == Character.NON_SPACING_MARK) {
                return;
            }
            if (isWhitespace(cp) || isPunctuation(cp)) {
                if (word.length() > 0) {
                    words.add(word.toString());
                    word.setLength(0);
                }
                if (isPunctuation(cp)) {
                    words.add(new String(Character.toChars(cp)));
                }
            } else {
                word.appendCodePoint(cp);
            }
        });
        if (word.length() > 0) {
            words.add(word.toString());
        }
        return words;
    }

    /** Adds the pieces of one word to {@code ids}; false once the sequence is full. */
    private boolean wordPieces(String word, List<Integer> ids) {
        int room = maxTokens - 1 - ids.size();
        if (room <= 0) {
            return false;
        }
        if (word.codePointCount(0, word.length()) > MAX_CHARS_PER_WORD) {
            ids.add(unknown);
            return true;
        }
        List<Integer> pieces = new ArrayList<>();
        int start = 0;
        while (start < word.length()) {
            int end = word.length();
            Integer piece = null;
            while (start < end) {
                String candidate = word.substring(start, end);
                if (start > 0) {
                    candidate = continuingPrefix + candidate;
                }
                piece = vocabulary.get(candidate);
                if (piece != null) {
                    break;
                }
                end = word.offsetByCodePoints(end, -1);
            }
            if (piece == null) {
                ids.add(unknown);
                return true;
            }
            pieces.add(piece);
            start = end;
        }
        ids.addAll(pieces);
        return true;
    }

    private int id(String token) {
        Integer id = vocabulary.get(token);
        if (id == null) {
            throw new IllegalArgumentException("the vocabulary has no " + token);
        }
        return id;
    }

    private static boolean isWhitespace(int cp) {
        return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r'
                || Character.getType(cp) == Character.SPACE_SEPARATOR;
    }

    private static boolean isControl(int cp) {
        if (cp == '\t' || cp == '\n' || cp == '\r') {
            return false;
        }
        int type = Character.getType(cp);
        return type == Character.CONTROL || type == Character.FORMAT
                || type == Character.PRIVATE_USE || type == Character.SURROGATE
                || type == Character.UNASSIGNED;
    }

    private static boolean isPunctuation(int cp) {
        if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96)
                || (cp >= 123 && cp <= 126)) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.CONNECTOR_PUNCTUATION || type == Character.DASH_PUNCTUATION
                || type == Character.START_PUNCTUATION || type == Character.END_PUNCTUATION
                || type == Character.INITIAL_QUOTE_PUNCTUATION || type == Character.FINAL_QUOTE_PUNCTUATION
                || type == Character.OTHER_PUNCTUATION;
    }

    private static boolean isChinese(int cp) {
        return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF)
                || (cp >= 0x20000 && cp <= 0x2A6DF) || (cp >= 0x2A700 && cp <= 0x2B73F)
                || (cp >= 0x2B740 && cp <= 0x2B81F) || (cp >= 0x2B820 && cp <= 0x2CEAF)
                || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x2F800 && cp <= 0x2FA1F);
    }
}
