package io.sluice.pipeline;

import java.util.Arrays;

/**
 * Sorts node names in {@link String#compareTo} order, fast enough for 100,000 names.
 *
 * <p>Comparator sorts of long names that share a prefix (every default name of one lambda starts
 * with the same {@code lambda$...(}) spend their time chasing pointers. This is an MSD radix sort
 * instead: skip the prefix common to a group, pack the next few characters of each name with its
 * index into a {@code long}, sort the primitives, and recurse only into groups whose packed
 * characters tie.
 */
final class NameOrder {
    private static final int SMALL = 24;

    private NameOrder() {
    }

    /** The permutation that sorts {@code names}; equal names keep their relative order. */
    static int[] of(String[] names) {
        int n = names.length;
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        sort(names, idx, 0, n, 0, new long[n], new int[n]);
        return idx;
    }

    /** Sorts {@code idx[from, to)}, whose names all share their first {@code offset} characters. */
    private static void sort(String[] names, int[] idx, int from, int to, int offset, long[] keys, int[] tmp) {
        int size = to - from;
        if (size < 2) {
            return;
        }
        if (size <= SMALL) {
            insertionSort(names, idx, from, to);
            return;
        }
        String first = names[idx[from]];
        int common = first.length() - offset;
        boolean allEnded = true;
        for (int i = from + 1; i < to && common > 0; i++) {
            common = commonLength(first, names[idx[i]], offset, common);
        }
        int start = offset + Math.max(common, 0);
        for (int i = from; i < to && allEnded; i++) {
            allEnded = names[idx[i]].length() <= start;
        }
        if (allEnded) {
            return; // all equal: keep their order
        }
        int idxBits = 32 - Integer.numberOfLeadingZeros(size - 1);
        int narrowChars = (63 - idxBits) / 8;
        boolean narrow = true;
        for (int i = from; i < to && narrow; i++) {
            String s = names[idx[i]];
            int end = Math.min(s.length(), start + narrowChars);
            for (int p = start; p < end; p++) {
                if (s.charAt(p) >= 255) {
                    narrow = false;
                    break;
                }
            }
        }
        // Each character is stored as c + 1 so that 0 marks "name ended", which sorts first.
        int bits = narrow ? 8 : 17;
        int chars = (63 - idxBits) / bits;
        for (int j = 0; j < size; j++) {
            String s = names[idx[from + j]];
            long key = 0;
            for (int c = 0; c < chars; c++) {
                int p = start + c;
                key = key << bits | (p < s.length() ? s.charAt(p) + 1 : 0);
            }
            keys[from + j] = key << idxBits | j;
        }
        Arrays.sort(keys, from, to);
        System.arraycopy(idx, from, tmp, from, size);
        long mask = (1L << idxBits) - 1;
        for (int j = 0; j < size; j++) {
            idx[from + j] = tmp[from + (int) (keys[from + j] & mask)];
        }
        int runStart = from;
        while (runStart < to) {
            long prefix = keys[runStart] >>> idxBits;
            int runEnd = runStart + 1;
            while (runEnd < to && keys[runEnd] >>> idxBits == prefix) {
                runEnd++;
            }
            if (runEnd - runStart > 1) {
                sort(names, idx, runStart, runEnd, start + chars, keys, tmp);
            }
            runStart = runEnd;
        }
    }

    private static int commonLength(String a, String b, int offset, int max) {
        int limit = Math.min(max, b.length() - offset);
        int k = 0;
        while (k < limit && a.charAt(offset + k) == b.charAt(offset + k)) {
            k++;
        }
        return k;
    }

    private static void insertionSort(String[] names, int[] idx, int from, int to) {
        for (int i = from + 1; i < to; i++) {
            int v = idx[i];
            String s = names[v];
            int j = i - 1;
            while (j >= from && names[idx[j]].compareTo(s) > 0) {
                idx[j + 1] = idx[j];
                j--;
            }
            idx[j + 1] = v;
        }
    }
}
