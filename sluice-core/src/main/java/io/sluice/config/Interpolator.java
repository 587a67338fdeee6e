package io.sluice.config;

import io.sluice.config.Template.Expr;
import io.sluice.config.Template.Literal;
import io.sluice.config.Template.Part;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves the {@code ${...}} interpolations of one config kind after merging. References are
 * resolved on demand and memoised per path, so each value is resolved once and cycles are
 * detected by the paths still being resolved.
 */
final class Interpolator {
    static final String RESOLVERS = "env, globals, runtime_params, run";

    private final String what;
    private final ConfigMap root;
    private final ConfigMap globals;
    private final ConfigMap runtimeParams;
    private final Map<String, String> envVars;
    private final ParamReads reads;
    private final Map<List<String>, ConfigValue> memo = new HashMap<>();
    private final List<List<String>> stack = new ArrayList<>();
    private final Set<List<String>> onStack = new HashSet<>();

    /**
     * @param what          the kind, named in messages ({@code catalog})
     * @param root          the merged, unresolved tree
     * @param globals       resolved globals, or {@code null} when {@code root} is the globals
     * @param runtimeParams runtime params as a tree
     * @param envVars       environment variables for {@code ${env:...}}
     * @param reads         where the runtime params this kind reads are recorded
     */
    Interpolator(String what, ConfigMap root, ConfigMap globals, ConfigMap runtimeParams,
            Map<String, String> envVars, ParamReads reads) {
        this.what = what;
        this.root = root;
        this.globals = globals;
        this.runtimeParams = runtimeParams;
        this.envVars = envVars;
        this.reads = reads;
    }

    ConfigMap resolveAll() {
        return (ConfigMap) resolve(List.of(), root, null);
    }

    /** The resolved value of {@code raw}, which sits at {@code path}; {@code from} made the request. */
    private ConfigValue resolve(List<String> path, ConfigValue raw, ConfigScalar from) {
        ConfigValue done = memo.get(path);
        if (done != null) {
            return done;
        }
        if (onStack.contains(path)) {
            throw cycle(path, from);
        }
        stack.add(path);
        onStack.add(path);
        ConfigValue result;
        try {
            result = compute(path, raw);
        } finally {
            stack.remove(stack.size() - 1);
            onStack.remove(path);
        }
        memo.put(path, result);
        return result;
    }

    private ConfigValue compute(List<String> path, ConfigValue raw) {
        if (raw instanceof ConfigMap map) {
            Map<String, ConfigValue> entries = new LinkedHashMap<>();
            for (String key : map.keys()) {
                entries.put(key, resolve(append(path, key), map.get(key), null));
            }
            return new ConfigMap(map.location(), entries, map.keyLocations());
        }
        if (raw instanceof ConfigList list) {
            List<ConfigValue> items = new ArrayList<>(list.items().size());
            for (int i = 0; i < list.items().size(); i++) {
                items.add(resolve(append(path, Integer.toString(i)), list.items().get(i), null));
            }
            return new ConfigList(list.location(), items);
        }
        ConfigScalar scalar = (ConfigScalar) raw;
        return Template.isTemplate(scalar.value()) ? interpolate(scalar) : scalar;
    }

    private ConfigValue interpolate(ConfigScalar scalar) {
        List<Part> parts = Template.parse((String) scalar.value(), scalar.location());
        if (parts.size() == 1 && parts.get(0) instanceof Expr expr) {
            ConfigValue value = evaluate(expr, scalar);
            return value instanceof ConfigScalar s ? new ConfigScalar(scalar.location(), s.value()) : value;
        }
        StringBuilder sb = new StringBuilder();
        for (Part part : parts) {
            if (part instanceof Literal literal) {
                sb.append(literal.text());
            } else {
                Expr expr = (Expr) part;
                ConfigValue value = evaluate(expr, scalar);
                if (!(value instanceof ConfigScalar s)) {
                    String kindOf = value instanceof ConfigMap ? "a mapping" : "a list";
                    throw new ConfigException(scalar.location(), expr.source() + " is " + kindOf
                            + " and cannot be embedded in the string \"" + scalar.value() + "\"",
                            "Make " + expr.source() + " the whole value, or refer to a scalar inside it.");
                }
                sb.append(s.value());
            }
        }
        return new ConfigScalar(scalar.location(), sb.toString());
    }

    private ConfigValue evaluate(Expr expr, ConfigScalar at) {
        if (expr.resolver() == null) {
            return self(expr, at);
        }
        switch (expr.resolver()) {
            case "globals":
                return globals == null ? self(expr, at) : lookup(globals, "globals", expr, at);
            case "runtime_params":
                reads.atLoad(expr.key(), at.location()); // read even when its default is used
                return lookup(runtimeParams, "runtime params", expr, at);
            case "run":
                // per-run values: kept as written; the catalog resolves them for each run
                reads.perRun(expr.key(), at.location());
                return new ConfigScalar(at.location(), expr.source());
            case "env":
                String value = envVars.get(expr.key());
                if (value != null) {
                    return new ConfigScalar(at.location(), value);
                }
                if (expr.hasDefault()) {
                    return fallback(expr, at, false);
                }
                throw new ConfigException(at.location(), "environment variable \"" + expr.key()
                        + "\" is not set (in " + expr.source() + ")",
                        "Set it, or give a default: ${env:" + expr.key() + ", <default>}.");
            default:
                throw new ConfigException(at.location(), "unknown resolver \"" + expr.resolver() + "\" in "
                        + expr.source(), "Use one of: " + RESOLVERS + ".");
        }
    }

    /** A reference into this kind's own tree, resolving what it passes through. */
    private ConfigValue self(Expr expr, ConfigScalar at) {
        List<String> segments = ConfigPaths.split(expr.key());
        List<String> prefix = new ArrayList<>();
        ConfigValue current = root;
        boolean resolved = false;
        for (int i = 0; i < segments.size(); i++) {
            if (!resolved && current instanceof ConfigScalar s && Template.isTemplate(s.value())) {
                current = resolve(List.copyOf(prefix), current, at);
                resolved = true;
            }
            ConfigValue next = ConfigPaths.child(current, segments.get(i));
            if (next == null) {
                if (expr.hasDefault()) {
                    return fallback(expr, at, true);
                }
                throw new ConfigException(at.location(), "unknown reference " + expr.source() + ": "
                        + ConfigPaths.describeMissing(current, segments, i, what),
                        "Define \"" + expr.key() + "\", fix the spelling, or write $" + expr.source()
                                + " for a literal \"" + expr.source() + "\".");
            }
            prefix.add(segments.get(i));
            current = next;
        }
        return resolved ? current : resolve(List.copyOf(prefix), current, at);
    }

    /** A lookup in an already resolved tree (globals, runtime params). */
    private ConfigValue lookup(ConfigMap tree, String treeName, Expr expr, ConfigScalar at) {
        List<String> segments = ConfigPaths.split(expr.key());
        ConfigValue current = tree;
        for (int i = 0; i < segments.size(); i++) {
            ConfigValue next = ConfigPaths.child(current, segments.get(i));
            if (next == null) {
                if (expr.hasDefault()) {
                    return fallback(expr, at, true);
                }
                if (tree == runtimeParams) {
                    throw new ConfigException(at.location(), "runtime param \"" + expr.key()
                            + "\" is not set (in " + expr.source() + ")",
                            "Pass it with --params " + expr.key() + "=<value>, or give a default: ${"
                                    + expr.resolver() + ":" + expr.key() + ", <default>}.");
                }
                throw new ConfigException(at.location(), "unknown reference " + expr.source() + ": "
                        + ConfigPaths.describeMissing(current, segments, i, treeName),
                        "Define \"" + expr.key() + "\" in a " + treeName + " file, or give a default: ${"
                                + expr.resolver() + ":" + expr.key() + ", <default>}.");
            }
            current = next;
        }
        return current;
    }

    /** The default of {@code expr}: typed like a YAML scalar when {@code typed}, else a string. */
    private ConfigValue fallback(Expr expr, ConfigScalar at, boolean typed) {
        String text = expr.defaultText();
        if (Template.isTemplate(text)) {
            return interpolate(new ConfigScalar(at.location(), text));
        }
        String unquoted = Template.unquote(text);
        if (unquoted != null) {
            return new ConfigScalar(at.location(), unquoted);
        }
        return new ConfigScalar(at.location(), typed ? CoreSchema.type(text) : text);
    }

    private ConfigException cycle(List<String> path, ConfigScalar from) {
        List<String> chain = new ArrayList<>();
        for (List<String> p : stack.subList(stack.indexOf(path), stack.size())) {
            chain.add(String.join(".", p));
        }
        chain.add(String.join(".", path));
        return new ConfigException(from == null ? root.location() : from.location(),
                "reference cycle in " + what + ": " + String.join(" -> ", chain),
                "Replace one of these references with a value.");
    }

    private static List<String> append(List<String> path, String key) {
        List<String> out = new ArrayList<>(path.size() + 1);
        out.addAll(path);
        out.add(key);
        return List.copyOf(out);
    }
}
