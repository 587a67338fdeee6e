package io.sluice.cli.args;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the parser read: the command chosen, the options given (all levels together, by
 * {@link OptionDef#key()}), the positional parameters of the chosen command, and whether help or
 * the version was asked for instead.
 *
 * @param path    the subcommand names from the root ({@code [runs, show]}); for {@link Request#HELP}
 *                and {@link Request#VERSION} the command whose {@code -h} or {@code -V} it was
 * @param options values of each option given, by key, in order (flags hold {@code "true"} or
 *                {@code "false"}; split options one entry per item)
 * @param params  the positional parameters of the command at {@code path}
 * @param request what to do
 */
public record ParsedArgs(List<String> path, Map<String, List<String>> options, List<String> params,
        Request request) {

    /** What the command line asks for. */
    public enum Request {
        /** Run the command at {@link #path()}. */
        RUN,
        /** Print the help of the command at {@link #path()}. */
        HELP,
        /** Print the version. */
        VERSION
    }

    public ParsedArgs {
        path = List.copyOf(path);
        Map<String, List<String>> copy = new HashMap<>();
        for (Map.Entry<String, List<String>> e : options.entrySet()) {
            copy.put(e.getKey(), List.copyOf(e.getValue()));
        }
        options = Map.copyOf(copy);
        params = List.copyOf(params);
    }

    /** Whether the option with this key ({@code --env}) was given, on any level. */
    public boolean has(String key) {
        return options.containsKey(key);
    }

    /** Whether the flag was given (and not as {@code --flag=false}). */
    public boolean flag(String key) {
        String v = value(key, null);
        return v != null && v.equals("true");
    }

    /** The last value given for the option, or {@code otherwise}. */
    public String value(String key, String otherwise) {
        List<String> values = options.get(key);
        return values == null ? otherwise : values.get(values.size() - 1);
    }

    /** Every value given for the option, split items one by one; empty when not given. */
    public List<String> values(String key) {
        List<String> values = options.get(key);
        return values == null ? List.of() : values;
    }

    /** The last value of an {@link OptionDef.ValueType#INT} option (checked by the parser), or {@code otherwise}. */
    public int intValue(String key, int otherwise) {
        String v = value(key, null);
        return v == null ? otherwise : Integer.parseInt(v);
    }

    /** The positional parameter at {@code index}, or {@code otherwise} when not given. */
    public String param(int index, String otherwise) {
        return index < params.size() ? params.get(index) : otherwise;
    }
}
