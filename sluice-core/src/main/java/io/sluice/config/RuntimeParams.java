package io.sluice.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 *   <li>A value that starts with {@code [} or {@code {} is a YAML flow collection, up to its
 *       matching bracket, commas inside it included: {@code features=[engines,crew]} is a list,
 *       {@code model={lr: 0.1, layers: [4, 2]}} a mapping. Items are typed, quoted and nested as
 *       above; map keys are strings.</li>
 *   <li>Surrounding whitespace of keys and unquoted values is trimmed.</li>
 * </ul>
 *
 * <p>{@link #format} writes parameters back in this form (for a resume command) so that
 * {@code parse(format(p))} equals {@code p}.
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
            if (p < n && (spec.charAt(p) == '[' || spec.charAt(p) == '{')) {
                Flow flow = new Flow(spec, p, itemStart);
                value = flow.value();
                p = flow.pos;
                while (p < n && spec.charAt(p) == ' ') {
                    p++;
                }
                if (p < n && spec.charAt(p) != ',') {
                    int end = spec.indexOf(',', p);
                    throw error("item \"" + spec.substring(itemStart, end < 0 ? n : end).trim()
                            + "\" has text after its closing bracket", "End the value with its bracket, e.g. a=[1,2].");
                }
            } else if (p < n && (spec.charAt(p) == '"' || spec.charAt(p) == '\'')) {
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

    /**
     * Writes runtime params as one {@code --params} value that {@link #parse} reads back to the
     * same keys and typed values: strings that would read as another type, or hold separators or
     * brackets, are quoted; lists and maps are written as flow collections.
     */
    public static String format(Map<String, ?> params) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, ?> e : params.entrySet()) {
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(e.getKey()).append('=');
            formatValue(e.getValue(), out);
        }
        return out.toString();
    }

    private static void formatValue(Object value, StringBuilder out) {
        if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : ",");
                formatValue(list.get(i), out);
            }
            out.append(']');
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.append(first ? "" : ",");
                first = false;
                formatString(String.valueOf(e.getKey()), out);
                out.append(": ");
                formatValue(e.getValue(), out);
            }
            out.append('}');
        } else if (value instanceof String text) {
            formatString(text, out);
        } else if (value instanceof Double d && (d.isNaN() || d.isInfinite())) {
            out.append(d.isNaN() ? ".nan" : d > 0 ? ".inf" : "-.inf");
        } else {
            out.append(value == null ? "null" : value.toString());
        }
    }

    /** A string as itself when it reads back as that string, else quoted. */
    private static void formatString(String text, StringBuilder out) {
        boolean plain = !text.isEmpty() && text.equals(text.trim()) && CoreSchema.type(text) instanceof String
                && text.chars().noneMatch(c -> ",[]{}:\"'".indexOf(c) >= 0);
        if (plain) {
            out.append(text);
        } else {
            char quote = text.indexOf('\'') < 0 ? '\'' : '"';
            out.append(quote).append(text).append(quote);
        }
    }

    /** A YAML flow collection inside a {@code --params} value, read from {@code pos}. */
    private static final class Flow {
        private final String spec;
        private final int itemStart;
        int pos;

        Flow(String spec, int pos, int itemStart) {
            this.spec = spec;
            this.pos = pos;
            this.itemStart = itemStart;
        }

        Object value() {
            skipSpaces();
            if (pos >= spec.length()) {
                throw unclosed();
            }
            char c = spec.charAt(pos);
            if (c == '[') {
                pos++;
                List<Object> list = new ArrayList<>();
                skipSpaces();
                if (peek(']')) {
                    pos++;
                    return list;
                }
                while (true) {
                    list.add(value());
                    skipSpaces();
                    if (peek(']')) {
                        pos++;
                        return list;
                    }
                    expect(',');
                }
            }
            if (c == '{') {
                pos++;
                Map<String, Object> map = new LinkedHashMap<>();
                skipSpaces();
                if (peek('}')) {
                    pos++;
                    return map;
                }
                while (true) {
                    Object key = scalar(true);
                    skipSpaces();
                    expect(':');
                    map.remove(String.valueOf(key));
                    map.put(String.valueOf(key), value());
                    skipSpaces();
                    if (peek('}')) {
                        pos++;
                        return map;
                    }
                    expect(',');
                }
            }
            return scalar(false);
        }

        /** A quoted string, or plain text up to a separator, typed unless it is a map key. */
        private Object scalar(boolean key) {
            skipSpaces();
            if (pos < spec.length() && (spec.charAt(pos) == '"' || spec.charAt(pos) == '\'')) {
                char quote = spec.charAt(pos);
                int close = spec.indexOf(quote, pos + 1);
                if (close < 0) {
                    throw unclosed();
                }
                String text = spec.substring(pos + 1, close);
                pos = close + 1;
                return text;
            }
            int start = pos;
            while (pos < spec.length() && ",]}".indexOf(spec.charAt(pos)) < 0 && !(key && spec.charAt(pos) == ':')) {
                if (spec.charAt(pos) == '[' || spec.charAt(pos) == '{') {
                    throw error("item \"" + item() + "\" has a bracket inside a plain value at column " + (pos + 1),
                            "Quote the value, e.g. ['a[1]'].");
                }
                pos++;
            }
            if (pos >= spec.length()) {
                throw unclosed();
            }
            String raw = spec.substring(start, pos).trim();
            if (raw.isEmpty()) {
                throw error("item \"" + item() + "\" has an empty element at column " + (start + 1),
                        "Write a value between the commas, or '' for the empty string.");
            }
            return key ? raw : CoreSchema.type(raw);
        }

        private boolean peek(char c) {
            return pos < spec.length() && spec.charAt(pos) == c;
        }

        private void expect(char c) {
            skipSpaces();
            if (!peek(c)) {
                if (pos >= spec.length()) {
                    throw unclosed();
                }
                throw error("item \"" + item() + "\" expects '" + c + "' at column " + (pos + 1) + ", found '"
                        + spec.charAt(pos) + "'", "Write lists as [a,b] and mappings as {k: v, k2: v2}.");
            }
            pos++;
        }

        private void skipSpaces() {
            while (pos < spec.length() && spec.charAt(pos) == ' ') {
                pos++;
            }
        }

        private String item() {
            return spec.substring(itemStart).trim();
        }

        private ConfigException unclosed() {
            return error("item \"" + item() + "\" has an unclosed bracket or quote",
                    "Close every [ with ] and { with }, e.g. a=[1,2].");
        }
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
