package io.sluice.pipeline;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** "Did you mean" help for unknown names, in the spirit of Python's difflib.get_close_matches. */
final class Suggestions {
    private static final int MAX = 3;
    private static final double CUTOFF = 0.6;

    private Suggestions() {
    }

    /**
     * Up to three candidates close to {@code wanted}: similar spelling, or a namespaced name
     * ending in {@code "." + wanted}. Best first, ties by name, so messages are deterministic.
     */
    static List<String> closeMatches(String wanted, Collection<String> candidates) {
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
        for (int i = 0; i < scored.size() && i < MAX; i++) {
            out.add(scored.get(i).name());
        }
        return out;
    }

    /** Close matches for several wanted names, without repeats, in order. */
    static List<String> closeMatches(Collection<String> wanted, Collection<String> candidates) {
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

    /** " Did you mean: [x, y]?" or the empty string. */
    static String didYouMean(Collection<String> wanted, Collection<String> candidates) {
        List<String> m = closeMatches(wanted, candidates);
        return m.isEmpty() ? "" : " Did you mean: " + m + "?";
    }

    private static double similarity(String a, String b) {
        int max = Math.max(a.length(), b.length());
        return max == 0 ? 1.0 : 1.0 - (double) distance(a, b) / max;
    }

    /** Edit distance where swapping two neighbouring characters, the commonest typo, costs 1. */
    private static int distance(String a, String b) {
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
