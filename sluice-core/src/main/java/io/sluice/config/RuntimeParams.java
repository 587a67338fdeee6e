package io.sluice.config;

import java.util.LinkedHashMap;
import java.util.List;

/**
 * Parses {@code --params} specs such as {@code model.lr=0.1,name=run-1}.
 *
 * <ul>
 *   <li>Items are separated by commas; the key is everything before the first {@code =}, so
 *       values may contain {@code =}. Keys are dotted paths into the parameters.</li>
 *   <li>Values are typed like plain YAML scalars: {@code 1} is an Integer, {@code 1.5} a Double,
 *       {@code true} a Boolean, {@code null} or {@code ~} null, anything else a String. An empty
 *       value ({@code a=}) is the empty string.</li>
 *   <li>A value that starts with a single or double quote runs to the matching quote and stays a
 *       string: {@code a="1"} is the string {@code 1}, {@code b='x,y'} keeps its comma. There are
 *       no escapes inside quotes. Quotes elsewhere in a value are ordinary characters.</li>
 *   <li>Surrounding whitespace of keys and unquoted values is trimmed.</li>
 * </ul>
 */
public final class RuntimeParams {
    private static final Location ORIGIN = Location.of("--params");
    private static final String FORM = "Write items as key=value separated by commas, e.g. --params model.lr=0.1,name=x.";

    private RuntimeParams() {}

    /**
     * Parses one {@code --params} value.
     *
     * @return dotted key to typed value, in the order written (a key written twice keeps the last
     *         value); empty for a blank spec
     * @throws ConfigException naming the malformed item and showing the right form
     */
    public static LinkedHashMap<String, Object> parse(String spec) {
        LinkedHashMap<String, Object> out = new LinkedHashMap<>();
        if (spec == null || spec.isBlank()) {
            return out;
        }
        int pos = 0;
        int n = spec.length();
        while (true) {
            int itemStart = pos;
            int eq = pos;
            while (eq < n && spec.charAt(eq) != '=' && spec.charAt(eq) != ',') {
                eq++;
            }
            if (eq == n || spec.charAt(eq) == ',') {
                String item = spec.substring(itemStart, eq);
                if (item.isBlank()) {
                    throw error("empty item in \"" + spec + "\"", "Separate items with single commas. " + FORM);
                }
                throw error("item \"" + item.trim() + "\" has no '='", FORM);
            }
            String key = spec.substring(itemStart, eq).trim();
            int p = eq + 1;
            while (p < n && spec.charAt(p) == ' ') {
                p++;
            }
            Object value;
            if (p < n && (spec.charAt(p) == '"' || spec.charAt(p) == '\'')) {
                char quote = spec.charAt(p);
                int close = spec.indexOf(quote, p + 1);
                if (close < 0) {
                    throw error("item \"" + spec.substring(itemStart).trim() + "\" has an unclosed quote",
                            "Close the quote, e.g. name='a,b'.");
                }
                value = spec.substring(p + 1, close);
                p = close + 1;
                while (p < n && spec.charAt(p) == ' ') {
                    p++;
                }
                if (p < n && spec.charAt(p) != ',') {
                    int end = spec.indexOf(',', p);
                    String item = spec.substring(itemStart, end < 0 ? n : end).trim();
                    throw error("item \"" + item + "\" has text after its closing quote",
                            "Quote the whole value, e.g. name='a b'.");
                }
            } else {
                int comma = spec.indexOf(',', p);
                int end = comma < 0 ? n : comma;
                String raw = spec.substring(p, end).trim();
                value = raw.isEmpty() ? "" : CoreSchema.type(raw);
                p = end;
            }
            checkKey(key, spec.substring(itemStart, p).trim());
            out.remove(key);
            out.put(key, value);
            if (p >= n) {
                return out;
            }
            pos = p + 1; // past the comma
            if (pos >= n) {
                throw error("empty item in \"" + spec + "\"", "Remove the trailing comma. " + FORM);
            }
        }
    }

    /**
     * Parses repeated {@code --params} options; later ones override earlier ones key by key.
     *
     * @see #parse(String)
     */
    public static LinkedHashMap<String, Object> parseAll(List<String> specs) {
        LinkedHashMap<String, Object> out = new LinkedHashMap<>();
        for (String spec : specs) {
            parse(spec).forEach((k, v) -> {
                out.remove(k);
                out.put(k, v);
            });
        }
        return out;
    }

    /** Checks a dotted key, {@code item} being the whole item for the message. */
    static void checkKey(String key, String item) {
        if (key.isEmpty()) {
            throw error("item \"" + item + "\" has an empty key", FORM);
        }
        if (key.startsWith(".") || key.endsWith(".") || key.contains("..")) {
            throw error("item \"" + item + "\" has an empty part in its key \"" + key + "\"",
                    "Write dotted keys without empty parts, e.g. model.lr=0.1.");
        }
    }

    private static ConfigException error(String problem, String fix) {
        return new ConfigException(ORIGIN, problem, fix);
    }
}
