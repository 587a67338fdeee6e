package io.sluice.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A string value split into literal text and {@code ${...}} interpolations. {@code $${} is an
 * escape for a literal {@code ${}.
 */
final class Template {
    private static final Pattern RESOLVER = Pattern.compile("([A-Za-z_][A-Za-z0-9_.\\-]*)\\s*:(.*)", Pattern.DOTALL);

    /** A piece of a template. */
    sealed interface Part permits Literal, Expr {}

    /** Text taken as written (escapes already undone). */
    record Literal(String text) implements Part {}

    /**
     * One {@code ${...}}.
     *
     * @param resolver    {@code null} for a reference within the same config, else e.g. {@code env}
     * @param key         the dotted path or variable name
     * @param defaultText the default as written (trimmed), or {@code null} when none was given
     * @param source      the whole interpolation as written, e.g. {@code ${env:HOME, /tmp}}
     */
    record Expr(String resolver, String key, String defaultText, String source) implements Part {
        boolean hasDefault() {
            return defaultText != null;
        }
    }

    private Template() {}

    /** Whether {@code value} may need interpolation (or unescaping). */
    static boolean isTemplate(Object value) {
        return value instanceof String s && s.contains("${");
    }

    /** Splits {@code text} (written at {@code at}) into parts. */
    static List<Part> parse(String text, Location at) {
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("$${", i)) {
                literal.append("${");
                i += 3;
            } else if (text.startsWith("${", i)) {
                int close = closingBrace(text, i + 2);
                if (close < 0) {
                    throw new ConfigException(at, "unclosed interpolation in \"" + text + "\"",
                            "Close it with '}', or write $${ for a literal \"${\".");
                }
                if (literal.length() > 0) {
                    parts.add(new Literal(literal.toString()));
                    literal.setLength(0);
                }
                parts.add(expr(text.substring(i + 2, close), text.substring(i, close + 1), at));
                i = close + 1;
            } else {
                literal.append(text.charAt(i));
                i++;
            }
        }
        if (literal.length() > 0 || parts.isEmpty()) {
            parts.add(new Literal(literal.toString()));
        }
        return parts;
    }

    /** Unquotes a default written as {@code 'x'} or {@code "x"}, else returns {@code null}. */
    static String unquote(String text) {
        if (text.length() >= 2 && (text.charAt(0) == '\'' || text.charAt(0) == '"')
                && text.charAt(text.length() - 1) == text.charAt(0)) {
            return text.substring(1, text.length() - 1);
        }
        return null;
    }

    private static Expr expr(String inner, String source, Location at) {
        String body = inner.trim();
        if (body.isEmpty()) {
            throw new ConfigException(at, "empty interpolation " + source,
                    "Write ${key} or ${resolver:key}, or $${} for a literal \"${}\".");
        }
        Matcher m = RESOLVER.matcher(body);
        String resolver = null;
        String args = body;
        if (m.matches()) {
            resolver = m.group(1);
            args = m.group(2);
        }
        int comma = topLevelComma(args);
        String key = (comma < 0 ? args : args.substring(0, comma)).trim();
        String defaultText = comma < 0 ? null : args.substring(comma + 1).trim();
        if (resolver == null && defaultText != null) {
            throw new ConfigException(at, "a reference to another key cannot have a default, in " + source,
                    "Write ${" + key + "}, or use ${globals:" + key + ", <default>} for a global.");
        }
        if (key.isEmpty()) {
            throw new ConfigException(at, "missing key in " + source,
                    "Write it as ${" + (resolver == null ? "" : resolver + ":") + "some.key}.");
        }
        if (!"env".equals(resolver)) {
            try {
                ConfigPaths.split(key);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(at, "malformed key \"" + key + "\" in " + source,
                        "Write dotted keys without empty parts, e.g. a.b.");
            }
        }
        return new Expr(resolver, key, defaultText, source);
    }

    private static int closingBrace(String text, int from) {
        int depth = 1;
        char quote = 0;
        for (int j = from; j < text.length(); j++) {
            char c = text.charAt(j);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (text.startsWith("${", j)) {
                depth++;
                j++;
            } else if (c == '}' && --depth == 0) {
                return j;
            }
        }
        return -1;
    }

    private static int topLevelComma(String args) {
        int depth = 0;
        char quote = 0;
        for (int j = 0; j < args.length(); j++) {
            char c = args.charAt(j);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (args.startsWith("${", j)) {
                depth++;
                j++;
            } else if (c == '}') {
                depth--;
            } else if (c == ',' && depth == 0) {
                return j;
            }
        }
        return -1;
    }
}
