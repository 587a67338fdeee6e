package io.sluice.deploy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Group ids mapped onto each platform's name rules, deterministically. */
final class Names {
    private Names() {
    }

    /**
     * Each id mapped by {@code clean}; ids whose cleaned names collide, or that are longer than
     * {@code max}, get a suffix of their own id's hash, so the mapping is one-to-one whatever the
     * order of the ids.
     */
    static Map<String, String> unique(List<String> ids, UnaryOperator<String> clean, int max, String sep) {
        Map<String, String> cleaned = new LinkedHashMap<>();
        Map<String, Integer> count = new HashMap<>();
        for (String id : ids) {
            String c = clean.apply(id);
            cleaned.put(id, c);
            count.merge(c, 1, Integer::sum);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String id : ids) {
            String c = cleaned.get(id);
            if (count.get(c) > 1 || c.length() > max) {
                String suffix = sep + hash(id, 8);
                String head = c.length() + suffix.length() > max ? c.substring(0, max - suffix.length()) : c;
                c = trimTrailing(head, sep) + suffix;
            }
            out.put(id, c);
        }
        return out;
    }

    /** A DNS-1123 label: lower-case letters, digits and '-', starting with a letter, ending alphanumeric. */
    static String dns1123(String id) {
        String s = id.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("-{2,}", "-");
        s = s.replaceAll("^-+", "").replaceAll("-+$", "");
        if (s.isEmpty() || !Character.isLetter(s.charAt(0))) {
            s = "g-" + s;
        }
        return trimTrailing(s, "-");
    }

    /** Letters, digits, '-' and '_', starting alphanumeric (AWS Batch job and definition names). */
    static String awsName(String id) {
        String s = id.replaceAll("[^A-Za-z0-9_-]+", "-").replaceAll("^[-_]+", "");
        return s.isEmpty() ? "g" : s;
    }

    /** A Python identifier. */
    static String python(String id) {
        String s = id.replaceAll("[^A-Za-z0-9_]+", "_");
        return Character.isDigit(s.charAt(0)) ? "_" + s : s;
    }

    /** An Airflow task id: letters, digits, '-', '.', '_'. */
    static String airflowTaskId(String id) {
        return id.replaceAll("[^A-Za-z0-9._-]+", "_");
    }

    private static String trimTrailing(String s, String sep) {
        while (s.endsWith(sep) && s.length() > 1) {
            s = s.substring(0, s.length() - sep.length());
        }
        return s;
    }

    static String hash(String s, int hexDigits) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d).substring(0, hexDigits);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
