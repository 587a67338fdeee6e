package io.sluice.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Node functions used by the tests, referenced as method references. */
final class Funcs {
    private Funcs() {
    }

    record Pair(String left, String right) {
    }

    static String source() {
        return "raw";
    }

    static String id(String x) {
        return x;
    }

    static String concat(String a, String b) {
        return a + b;
    }

    static String concat3(String a, String b, String c) {
        return a + b + c;
    }

    static List<String> f(List<Integer> xs) {
        List<String> out = new ArrayList<>();
        for (Integer x : xs) {
            out.add("#" + x);
        }
        return out;
    }

    static List<Object> listOf2(String x) {
        return List.of(x + "1", x + "2");
    }

    static Object[] arrayOf2(String x) {
        return new Object[] {x + "1", x + "2"};
    }

    static Pair pair(String x) {
        return new Pair(x + "L", x + "R");
    }

    static Map<String, Object> map(String x) {
        return Map.of("left", x + "L", "right", x + "R");
    }
}
