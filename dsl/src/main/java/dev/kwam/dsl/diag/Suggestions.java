package dev.kwam.dsl.diag;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean …?" by optimal-string-alignment distance (Levenshtein plus adjacent swaps, so
 * {@code fatcor} finds {@code factor}). Short words get stricter thresholds: suggesting
 * {@code ca} for {@code db} helps nobody.
 */
public final class Suggestions {

    private Suggestions() {
    }

    public static Optional<String> closest(String word, Collection<String> candidates) {
        String w = word.toLowerCase(Locale.ROOT);
        int allowed = w.length() <= 2 ? 0 : w.length() <= 4 ? 1 : w.length() <= 8 ? 2 : 3;
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = distance(w, candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance && d <= allowed) {
                best = candidate;
                bestDistance = d;
            }
        }
        if (best != null && best.equals(word)) {
            return Optional.empty();
        }
        return Optional.ofNullable(best);
    }

    /** "did you mean 'factor'?" or empty. */
    public static Optional<String> didYouMean(String word, Collection<String> candidates) {
        return closest(word, candidates).map(c -> "did you mean '" + c + "'?");
    }

    static int distance(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 3) {
            return Math.abs(a.length() - b.length());
        }
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[a.length()][b.length()];
    }
}
