package io.sluice.io;

import io.sluice.config.ConfigList;
import io.sluice.config.ConfigMap;
import io.sluice.config.ConfigScalar;
import io.sluice.config.ConfigValue;
import io.sluice.config.Location;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A compiled dataset factory: a catalog key with {@code {placeholder}}s and the config it
 * stamps out for every dataset name it matches, as Kedro's dataset factories.
 *
 * <p>Matching follows Python {@code parse} (which Kedro uses): the whole name must match; each
 * placeholder matches one or more characters, as few as possible (so {@code {a}.{b}} splits
 * {@code x.y.z} into {@code a=x}, {@code b=y.z}); a placeholder repeated in a pattern must match
 * the same text each time. Unlike {@code parse}, matching is case-sensitive, as dataset names
 * are, and format specs ({@code {name:d}}) are not supported.
 *
 * <p>{@link #ORDER} ranks patterns by specificity: more literal characters first, then
 * <em>fewer</em> placeholders (the more constrained pattern; Kedro's {@code _sort_patterns}
 * prefers more placeholders here, which lets a looser pattern shadow a tighter one), then
 * alphabetically. The first pattern in that order that matches a name wins.
 */
final class DatasetPattern {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern USE = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}");

    // Written out: Comparator.comparing and thenComparing make serializable lambdas, which the
    // AOT cache cannot hold, so each spins a class in every fresh JVM.
    static final Comparator<DatasetPattern> ORDER = (a, b) -> {
        int c = Integer.compare(b.specificity, a.specificity);
        if (c == 0) {
            c = Integer.compare(a.placeholders, b.placeholders);
        }
        return c != 0 ? c : a.pattern.compareTo(b.pattern);
    };

    private final String pattern;
    private final ConfigMap config;
    private final Location location;
    private final Pattern regex;
    private final List<String> groups;
    private final int specificity;
    private final int placeholders;

    private DatasetPattern(String pattern, ConfigMap config, Location location, Pattern regex, List<String> groups,
                           int specificity, int placeholders) {
        this.pattern = pattern;
        this.config = config;
        this.location = location;
        this.regex = regex;
        this.groups = groups;
        this.specificity = specificity;
        this.placeholders = placeholders;
    }

    /** Whether {@code key} is a factory pattern rather than a dataset name. */
    static boolean isPattern(String key) {
        return key.indexOf('{') >= 0 || key.indexOf('}') >= 0;
    }

    /**
     * Compiles {@code pattern} and checks that its config only uses placeholders it defines.
     *
     * @throws DatasetConfigException for malformed patterns and unknown placeholders in config
     */
    static DatasetPattern compile(String pattern, ConfigMap config, Location location) {
        StringBuilder regex = new StringBuilder();
        List<String> groups = new ArrayList<>();
        int literal = 0;
        int count = 0;
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '}') {
                throw malformed(pattern, location, "has a '}' without a matching '{'");
            }
            if (c != '{') {
                int next = nextBrace(pattern, i);
                regex.append(Pattern.quote(pattern.substring(i, next)));
                literal += next - i;
                i = next;
                continue;
            }
            int close = pattern.indexOf('}', i);
            if (close < 0) {
                throw malformed(pattern, location, "has a '{' without a matching '}'");
            }
            String name = pattern.substring(i + 1, close);
            if (name.contains(":")) {
                throw malformed(pattern, location, "uses a format spec in '{" + name
                        + "}'; Sluice placeholders match any non-empty text, write '{"
                        + name.substring(0, name.indexOf(':')) + "}'");
            }
            if (!NAME.matcher(name).matches()) {
                throw malformed(pattern, location, "has placeholder '{" + name
                        + "}'; placeholders are names made of letters, digits and '_', e.g. '{name}'");
            }
            int previous = groups.indexOf(name);
            if (previous >= 0) {
                regex.append("\\").append(previous + 1);
            } else {
                groups.add(name);
                regex.append("(.+?)");
            }
            count++;
            i = close + 1;
        }
        DatasetPattern compiled = new DatasetPattern(pattern, config, location,
                Pattern.compile(regex.toString(), Pattern.DOTALL), List.copyOf(groups), literal, count);
        compiled.checkUses(config);
        return compiled;
    }

    private static int nextBrace(String s, int from) {
        int open = s.indexOf('{', from);
        int close = s.indexOf('}', from);
        int next = open < 0 ? close : close < 0 ? open : Math.min(open, close);
        return next < 0 ? s.length() : next;
    }

    private static DatasetConfigException malformed(String pattern, Location location, String problem) {
        return new DatasetConfigException(location + ": dataset factory pattern '" + pattern + "' " + problem + ".");
    }

    private void checkUses(ConfigValue value) {
        if (value instanceof ConfigMap m) {
            m.entries().values().forEach(this::checkUses);
        } else if (value instanceof ConfigList l) {
            l.items().forEach(this::checkUses);
        } else if (value instanceof ConfigScalar s && s.value() instanceof String str) {
            Matcher m = USE.matcher(str);
            while (m.find()) {
                if (!groups.contains(m.group(1))) {
                    throw new DatasetConfigException(s.location() + ": the config of dataset factory pattern '"
                            + pattern + "' (" + location + ") uses '{" + m.group(1)
                            + "}', which the pattern does not define. Placeholders of the pattern: "
                            + String.join(", ", groups) + ".");
                }
            }
        }
    }

    String pattern() {
        return pattern;
    }

    Location location() {
        return location;
    }

    ConfigMap config() {
        return config;
    }

    /** A pattern with no literal character ({@code {default}}) matches every name. */
    boolean isCatchAll() {
        return specificity == 0;
    }

    /** The placeholder values if {@code name} matches. */
    Optional<Map<String, String>> match(String name) {
        Matcher m = regex.matcher(name);
        if (!m.matches()) {
            return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int g = 0; g < groups.size(); g++) {
            values.put(groups.get(g), m.group(g + 1));
        }
        return Optional.of(values);
    }

    /** The config with every {@code {placeholder}} in its strings replaced; locations kept. */
    ConfigMap resolve(Map<String, String> values) {
        return (ConfigMap) substitute(config, values);
    }

    private static ConfigValue substitute(ConfigValue value, Map<String, String> values) {
        if (value instanceof ConfigMap m) {
            Map<String, ConfigValue> out = new LinkedHashMap<>();
            m.entries().forEach((k, v) -> out.put(k, substitute(v, values)));
            return new ConfigMap(m.location(), out, m.keyLocations());
        }
        if (value instanceof ConfigList l) {
            List<ConfigValue> out = new ArrayList<>();
            l.items().forEach(v -> out.add(substitute(v, values)));
            return new ConfigList(l.location(), out);
        }
        if (value instanceof ConfigScalar s && s.value() instanceof String str && str.indexOf('{') >= 0) {
            Matcher m = USE.matcher(str);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(sb, Matcher.quoteReplacement(values.get(m.group(1))));
            }
            m.appendTail(sb);
            return new ConfigScalar(s.location(), sb.toString());
        }
        return value;
    }

    /** The placeholder names used in {@code text}, for checks on values like {@code type}. */
    static Set<String> uses(String text) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = USE.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Override
    public String toString() {
        return pattern;
    }
}
