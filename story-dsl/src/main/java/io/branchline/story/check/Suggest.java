package io.branchline.story.check;

import java.util.Collection;

/** "Did you mean …?" hints from the closest known name. */
final class Suggest {

    /** Names longer than this get no guess: comparing them costs time for no help to anyone. */
    private static final int MAX_NAME = 64;

    private Suggest() {
    }

    /** A hint such as {@code " (did you mean 'vault'?)"}, or an empty string when nothing is close. */
    static String didYouMean(String wrong, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        // One- and two-letter names are too short for a guess to mean anything.
        if (wrong.length() <= 2 || wrong.length() > MAX_NAME) {
            return "";
        }
        int limit = Math.max(1, wrong.length() / 3);
        for (String candidate : known) {
            if (Math.abs(candidate.length() - wrong.length()) > limit) {
                continue;
            }
            int d = distance(wrong, candidate, limit);
            if (d <= limit && d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best == null ? "" : " (did you mean '" + best + "'?)";
    }

    /** Damerau-Levenshtein distance (adjacent swaps count one), stopping early past {@code limit}. */
    static int distance(String a, String b, int limit) {
        int n = a.length();
        int m = b.length();
        int[][] d = new int[n + 1][m + 1];
        for (int i = 0; i <= n; i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= m; j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= n; i++) {
            int rowMin = Integer.MAX_VALUE;
            for (int j = 1; j <= m; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
                rowMin = Math.min(rowMin, v);
            }
            if (rowMin > limit) {
                return rowMin;
            }
        }
        return d[n][m];
    }
}
