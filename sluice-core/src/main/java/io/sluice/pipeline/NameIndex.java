package io.sluice.pipeline;

import java.util.ArrayList;
import java.util.List;

/**
 * A String-to-int map with open addressing. A pipeline of 100,000 nodes indexes some 300,000
 * names; a {@code HashMap<String, Integer>} would allocate an entry and a boxed integer for
 * each, and the garbage collector would then cost more than the graph algorithms.
 */
final class NameIndex {
    private String[] keys;
    private int[] values;
    private int size;

    NameIndex(int expected) {
        int cap = Integer.highestOneBit(Math.max(8, expected * 2 - 1)) << 1;
        keys = new String[cap];
        values = new int[cap];
    }

    int size() {
        return size;
    }

    /** The value of {@code key}, or -1. */
    int get(String key) {
        int mask = keys.length - 1;
        for (int i = slot(key, mask); ; i = (i + 1) & mask) {
            String k = keys[i];
            if (k == null) {
                return -1;
            }
            if (k.equals(key)) {
                return values[i];
            }
        }
    }

    /** Stores {@code key -> value} unless present; returns the existing value, or -1 if it stored. */
    int putIfAbsent(String key, int value) {
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        for (int i = slot(key, mask); ; i = (i + 1) & mask) {
            String k = keys[i];
            if (k == null) {
                keys[i] = key;
                values[i] = value;
                size++;
                return -1;
            }
            if (k.equals(key)) {
                return values[i];
            }
        }
    }

    /** The keys, in no particular order (callers sort what they show). */
    List<String> keys() {
        List<String> out = new ArrayList<>(size);
        for (String k : keys) {
            if (k != null) {
                out.add(k);
            }
        }
        return out;
    }

    private static int slot(String key, int mask) {
        int h = key.hashCode();
        return (h ^ (h >>> 16)) & mask;
    }

    private void grow() {
        String[] oldKeys = keys;
        int[] oldValues = values;
        keys = new String[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                putIfAbsent(oldKeys[i], oldValues[i]);
            }
        }
    }
}
