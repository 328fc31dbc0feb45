package io.branchline.engine.policy;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Text as the policy compares it: words in lower case without diacritics, apostrophes and
 * hyphens splitting words, a possessive {@code 's} dropped. Each word keeps where it stands in
 * the original text, so a diagnostic can point at it. "Beyoncé's", "BEYONCE" and "beyonce"
 * are the same word; "Obamacare" is not "Obama".
 */
final class Tokens {

    /** A word of the text and its place there ({@code end} exclusive). */
    record Token(String text, int start, int end) {
    }

    private Tokens() {
    }

    static List<Token> of(String text) {
        List<Token> tokens = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        int start = -1;
        boolean afterApostrophe = false;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : ' ';
            String folded = Character.isLetterOrDigit(c) ? fold(c) : "";
            if (!folded.isEmpty()) {
                if (start < 0) {
                    start = i;
                }
                word.append(folded);
                continue;
            }
            if (start >= 0) {
                String w = word.toString();
                // "Obama's" and "Obama’s" are Obama; any other word after an apostrophe (o'Brien) is kept.
                if (!(afterApostrophe && w.equals("s"))) {
                    tokens.add(new Token(w, start, i));
                }
                word.setLength(0);
                start = -1;
            }
            afterApostrophe = c == '\'' || c == '\u2019';
        }
        return tokens;
    }

    /** The words of a phrase from the data files, without places. */
    static List<String> words(String phrase) {
        return of(phrase).stream().map(Token::text).toList();
    }

    private static String fold(char c) {
        if (c == 'ß') {
            return "ss";
        }
        String d = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFKD);
        StringBuilder b = new StringBuilder(d.length());
        for (int i = 0; i < d.length(); i++) {
            char x = d.charAt(i);
            if (Character.getType(x) != Character.NON_SPACING_MARK && Character.isLetterOrDigit(x)) {
                b.append(x);
            }
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }
}
