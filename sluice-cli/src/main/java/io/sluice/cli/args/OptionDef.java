package io.sluice.cli.args;

import java.util.ArrayList;
import java.util.List;

/**
 * One option of a command: its names ({@code -p}, {@code --pipeline}), the label of its value
 * ({@code NAME}; null for a flag, which takes none), its help text, and how its values are read.
 *
 * @param names     short ({@code -p}) and long ({@code --pipeline}) names, as written in help
 * @param label     the value's label in help and errors, or null for a flag
 * @param description one line of help; wrapped when printed
 * @param type      what a value must be
 * @param choices   the values a {@link ValueType#CHOICE} option accepts, else empty
 * @param repeatable whether the option may be given more than once; each value is kept
 * @param split     the separator a value is split at ({@code ","}), or null
 * @param inherited whether the subcommands of the command that declares it accept it too
 * @param hidden    whether help leaves it out (and "did you mean" never suggests it)
 */
public record OptionDef(List<String> names, String label, String description, ValueType type, List<String> choices,
        boolean repeatable, String split, boolean inherited, boolean hidden) {

    /** What an option's value must be. */
    public enum ValueType {
        /** No value: given or not. */
        FLAG,
        /** Any text. */
        TEXT,
        /** A decimal {@code int}. */
        INT,
        /** One of {@link OptionDef#choices()}, case-sensitive. */
        CHOICE
    }

    public OptionDef {
        names = List.copyOf(names);
        choices = List.copyOf(choices);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("an option needs a name");
        }
        if ((label == null) != (type == ValueType.FLAG)) {
            throw new IllegalArgumentException("a flag has no value label, any other option has one: " + names);
        }
    }

    /** A flag: {@code names} is the help's spelling, e.g. {@code "-v, --verbose"} or {@code "--dry-run"}. */
    public static OptionDef flag(String names, String description) {
        return new OptionDef(splitNames(names), null, description, ValueType.FLAG, List.of(), false, null, false,
                false);
    }

    /** An option taking one text value labelled {@code label}, given at most once. */
    public static OptionDef value(String names, String label, String description) {
        return new OptionDef(splitNames(names), label, description, ValueType.TEXT, List.of(), false, null, false,
                false);
    }

    /** This option with {@code int} values. */
    public OptionDef ints() {
        return new OptionDef(names, label, description, ValueType.INT, List.of(), repeatable, split, inherited, hidden);
    }

    /** This option accepting only {@code allowed} (case-sensitive). */
    public OptionDef oneOf(List<String> allowed) {
        return new OptionDef(names, label, description, ValueType.CHOICE, allowed, repeatable, split, inherited,
                hidden);
    }

    /** This option repeatable, every value kept in order. */
    public OptionDef repeated() {
        return new OptionDef(names, label, description, type, choices, true, split, inherited, hidden);
    }

    /** This option repeatable, each value split at {@code separator} ({@code --nodes a,b --nodes c}). */
    public OptionDef splitOn(String separator) {
        return new OptionDef(names, label, description, type, choices, true, separator, inherited, hidden);
    }

    /** This option accepted by the subcommands as well, before or after their names. */
    public OptionDef inheritedBySubcommands() {
        return new OptionDef(names, label, description, type, choices, repeatable, split, true, hidden);
    }

    /** This option left out of help. */
    public OptionDef hiddenFromHelp() {
        return new OptionDef(names, label, description, type, choices, repeatable, split, inherited, true);
    }

    /** Whether it takes no value. */
    public boolean isFlag() {
        return type == ValueType.FLAG;
    }

    /** The longest name ({@code --pipeline}): the key of its values and the name errors use. */
    public String key() {
        String longest = names.get(0);
        for (String n : names) {
            if (n.length() > longest.length()) {
                longest = n;
            }
        }
        return longest;
    }

    /** The value's label as help shows it: {@code NODE[,NODE...]} for a split option. */
    public String shownLabel() {
        return split == null ? label : label + "[" + split + label + "...]";
    }

    private static List<String> splitNames(String names) {
        List<String> out = new ArrayList<>(2);
        int start = 0;
        while (true) {
            int comma = names.indexOf(',', start);
            String name = (comma < 0 ? names.substring(start) : names.substring(start, comma)).trim();
            if (!name.startsWith("-") || name.length() < 2) {
                throw new IllegalArgumentException("option names start with -: '" + names + "'");
            }
            out.add(name);
            if (comma < 0) {
                return out;
            }
            start = comma + 1;
        }
    }
}
