package io.sluice;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean …?" for misspelt names, shared by every error message that suggests one: config
 * keys, dataset types and columns, parameters, run-spec fields ({@link #closest}, one best match),
 * and node, dataset and namespace names ({@link #closeMatches}, up to three in the spirit of
 * Python's {@code difflib.get_close_matches}, as Kedro suggests them).
 */
public final class Suggestions {
    private static final int MAX_MATCHES = 3;
    private static final double CUTOFF = 0.6;

    private Suggestions() {
    }

    /**
     * Refuses the first of {@code names} not in {@code known}: "{@code what}: unknown field 'x'.
     * Did you mean 'y'? Known fields: …" — the strict readers of JSON documents share it.
     *
     * @throws IllegalArgumentException naming the field, the closest known one and all of them
     */
    public static void requireKnownFields(java.util.Iterator<String> names, List<String> known, String what) {
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new IllegalArgumentException(what + ": unknown field '" + name + "'."
                        + didYouMean(name, known) + " Known fields: " + String.join(", ", known) + ".");
            }
        }
    }

    /**
     * The candidate closest to {@code word}, ignoring case, if it is close enough to be a
     * plausible typo: at most a third of the word's length (and at least 1, at most 3) edits away.
     * Ties go to the alphabetically first candidate, so messages are the same on every run.
     */
    public static Optional<String> closest(String word, Collection<String> candidates) {
        int limit = Math.max(1, Math.min(3, word.length() / 3));
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String lower = word.toLowerCase(Locale.ROOT);
        for (String candidate : candidates) {
            int d = distance(lower, candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance || (d == bestDistance && best != null && candidate.compareTo(best) < 0)) {
                best = candidate;
                bestDistance = d;
            }
        }
        return bestDistance <= limit ? Optional.of(best) : Optional.empty();
    }

    /** {@code " Did you mean 'x'?"} for the {@link #closest} candidate, or the empty string. */
    public static String didYouMean(String word, Collection<String> candidates) {
        return closest(word, candidates).map(c -> " Did you mean '" + c + "'?").orElse("");
    }

    /**
     * Up to three candidates close to {@code wanted}: similar spelling (similarity of at least
     * 0.6), or a namespaced name ending in {@code "." + wanted}. Best first, ties by name.
     */
    public static List<String> closeMatches(String wanted, Collection<String> candidates) {
        record Scored(String name, double score) {
        }
        List<Scored> scored = new ArrayList<>();
        for (String c : candidates) {
            double s = c.endsWith("." + wanted) ? 1.0 : similarity(wanted, c);
            if (s >= CUTOFF) {
                scored.add(new Scored(c, s));
            }
        }
        scored.sort(Comparator.comparingDouble(Scored::score).reversed().thenComparing(Scored::name));
        List<String> out = new ArrayList<>();
        for (int i = 0; i < scored.size() && i < MAX_MATCHES; i++) {
            out.add(scored.get(i).name());
        }
        return out;
    }

    /** {@link #closeMatches} for several wanted names, without repeats, in order. */
    public static List<String> closeMatches(Collection<String> wanted, Collection<String> candidates) {
        List<String> out = new ArrayList<>();
        for (String w : wanted) {
            for (String m : closeMatches(w, candidates)) {
                if (!out.contains(m)) {
                    out.add(m);
                }
            }
        }
        return out;
    }

    /** {@code " Did you mean: [x, y]?"} for the {@link #closeMatches} of {@code wanted}, or the empty string. */
    public static String didYouMean(Collection<String> wanted, Collection<String> candidates) {
        List<String> m = closeMatches(wanted, candidates);
        return m.isEmpty() ? "" : " Did you mean: " + m + "?";
    }

    private static double similarity(String a, String b) {
        int max = Math.max(a.length(), b.length());
        return max == 0 ? 1.0 : 1.0 - (double) distance(a, b) / max;
    }

    /**
     * Optimal string alignment distance: Levenshtein plus adjacent transpositions, the commonest
     * typo ("cvs" → "csv" is 1).
     */
    public static int distance(String a, String b) {
        int[] prev2 = new int[b.length() + 1];
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int d = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d = Math.min(d, prev2[j - 2] + 1);
                }
                cur[j] = d;
            }
            int[] t = prev2;
            prev2 = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
