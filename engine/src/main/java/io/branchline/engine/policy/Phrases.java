package io.branchline.engine.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * A word list: phrases of one or more words, matched on whole {@link Tokens} in a row. A word
 * ending in {@code *} matches every word that begins with it ({@code porn*}: porn, porno,
 * pornographic). The word {@code <18} matches a number under 18, in digits or in English words
 * ({@code <18 year old} finds "a 12-year-old" and "a ten year old").
 */
final class Phrases {

    /** Where a phrase was found: token indexes {@code from} (inclusive) to {@code to} (exclusive). */
    record Match(String phrase, int from, int to) {
    }

    private static final java.util.Set<String> UNDER_18 = java.util.Set.of("one", "two", "three", "four", "five", "six", "seven",
            "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen");

    private final List<String> phrases;
    private final List<List<String>> patterns = new ArrayList<>();

    Phrases(List<String> phrases) {
        this.phrases = List.copyOf(phrases);
        for (String p : phrases) {
            List<String> words = new ArrayList<>();
            for (String w : p.strip().split("[\\s\\-]+")) {
                if (w.equals("<18")) {
                    words.add(w);
                } else {
                    boolean prefix = w.endsWith("*");
                    String folded = String.join("", Tokens.words(prefix ? w.substring(0, w.length() - 1) : w));
                    words.add(prefix ? folded + "*" : folded);
                }
            }
            patterns.add(List.copyOf(words));
        }
    }

    boolean isEmpty() {
        return phrases.isEmpty();
    }

    int size() {
        return phrases.size();
    }

    /** Every place a phrase of the list stands in the tokens, in order of place. */
    List<Match> find(List<Tokens.Token> tokens) {
        List<Match> found = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            for (int p = 0; p < patterns.size(); p++) {
                List<String> pattern = patterns.get(p);
                if (matchesAt(pattern, tokens, i)) {
                    found.add(new Match(phrases.get(p), i, i + pattern.size()));
                }
            }
        }
        return found;
    }

    private static boolean matchesAt(List<String> pattern, List<Tokens.Token> tokens, int at) {
        if (pattern.isEmpty() || at + pattern.size() > tokens.size()) {
            return false;
        }
        for (int k = 0; k < pattern.size(); k++) {
            if (!word(pattern.get(k), tokens.get(at + k).text())) {
                return false;
            }
        }
        return true;
    }

    private static boolean word(String pattern, String word) {
        if (pattern.equals("<18")) {
            return UNDER_18.contains(word) || !word.isEmpty() && word.length() <= 2 && word.chars().allMatch(Character::isDigit) && Integer.parseInt(word) < 18;
        }
        if (pattern.endsWith("*")) {
            return word.startsWith(pattern.substring(0, pattern.length() - 1));
        }
        return word.equals(pattern);
    }
}
