package io.sluice.cli.args;

import io.sluice.Suggestions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a command line against a tree of {@link Definitions}, the way POSIX and GNU tools do:
 * <ul>
 * <li>{@code --name value}, {@code --name=value}, {@code -n value}, {@code -nvalue},
 *     {@code -n=value}; short flags cluster ({@code -vq}, {@code -vC dir});</li>
 * <li>the first word that is not an option's value selects a subcommand while the command has
 *     subcommands; after that, words are positional parameters;</li>
 * <li>options marked {@link OptionDef#inherited()} are accepted by every command below the one
 *     that declares them, before or after the subcommand name; {@code -h, --help} and
 *     {@code -V, --version} by every command;</li>
 * <li>{@code --} ends the options: what follows is positional;</li>
 * <li>an option not marked repeatable may be given once per command level; a value that is
 *     itself an option name is refused.</li>
 * </ul>
 * Errors are {@link UsageException}s naming the option and the value, and suggesting the closest
 * option or subcommand. One parser reads one command line.
 */
public final class Parser {
    /** {@code -h, --help}: every command has it. */
    static final OptionDef HELP = OptionDef.flag("-h, --help", "Show this help message and exit.");
    /** {@code -V, --version}: every command has it. */
    static final OptionDef VERSION = OptionDef.flag("-V, --version", "Print version information and exit.");

    private final Definitions definitions;
    private final String[] args;
    private final List<String> path = new ArrayList<>();
    private final Map<String, List<String>> values = new LinkedHashMap<>();
    private final List<String> params = new ArrayList<>();
    /** Options the ancestors declared for their subcommands. */
    private final List<OptionDef> inherited = new ArrayList<>();
    /** Options accepted at the current level, by each of their names. */
    private final Map<String, OptionDef> byName = new HashMap<>();
    /** Keys of the non-repeatable options given at the current level. */
    private final Set<String> givenHere = new HashSet<>();
    private CommandDef command;
    private ParsedArgs.Request request = ParsedArgs.Request.RUN;
    private List<String> requestPath;

    private Parser(Definitions definitions, String[] args) {
        this.definitions = definitions;
        this.args = args;
    }

    /** Parses {@code args}; a {@link UsageException} says what is wrong with them. */
    public static ParsedArgs parse(Definitions definitions, String... args) {
        return new Parser(definitions, args).parse();
    }

    private ParsedArgs parse() {
        enter(definitions.define(path));
        boolean optionsEnded = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!optionsEnded && arg.equals("--")) {
                optionsEnded = true;
            } else if (!optionsEnded && arg.length() > 1 && arg.charAt(0) == '-') {
                i = option(i);
            } else if (!optionsEnded && params.isEmpty() && !command.subcommands().isEmpty()) {
                subcommand(i);
            } else if (params.size() < maxParams()) {
                params.add(arg);
            } else {
                throw unmatched(i, null);
            }
        }
        if (request != ParsedArgs.Request.RUN) {
            return new ParsedArgs(requestPath, values, List.of(), request);
        }
        int needed = 0;
        for (ParamDef p : command.params()) {
            needed += p.min();
            if (params.size() < needed) {
                throw new UsageException(qualifiedName(), "Missing required parameter: '" + p.label() + "'", null);
            }
        }
        return new ParsedArgs(path, values, params, request);
    }

    /** Makes {@code def} the current command: its options and the inherited ones are accepted. */
    private void enter(CommandDef def) {
        if (command != null) {
            for (OptionDef o : command.options()) {
                if (o.inherited()) {
                    inherited.add(o);
                }
            }
        }
        command = def;
        byName.clear();
        givenHere.clear();
        params.clear();
        accept(HELP);
        accept(VERSION);
        for (OptionDef o : inherited) {
            accept(o);
        }
        for (OptionDef o : def.options()) {
            accept(o);
        }
    }

    private void accept(OptionDef o) {
        for (String name : o.names()) {
            byName.put(name, o);
        }
    }

    private void subcommand(int i) {
        String name = args[i];
        path.add(name);
        CommandDef def = command.subcommands().contains(name) ? definitions.define(path) : null;
        if (def == null) {
            path.remove(path.size() - 1);
            List<String> close = Suggestions.closeMatches(name, command.subcommands());
            String hint = null;
            if (!close.isEmpty()) {
                String prefix = path.isEmpty() ? "" : String.join(" ", path) + " ";
                List<String> shown = new ArrayList<>();
                for (String c : close) {
                    shown.add(prefix + c);
                }
                hint = "Did you mean: " + String.join(" or ", shown) + "?";
            }
            throw unmatched(i, hint);
        }
        enter(def);
    }

    private int maxParams() {
        long max = 0;
        for (ParamDef p : command.params()) {
            max += p.max();
        }
        return (int) Math.min(Integer.MAX_VALUE, max);
    }

    /** Reads the option at {@code args[i]} (and its value); returns the index of the last word used. */
    private int option(int i) {
        String arg = args[i];
        if (arg.startsWith("--")) {
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg : arg.substring(0, eq);
            OptionDef def = byName.get(name);
            if (def == null) {
                throw unknownOption(arg, name);
            }
            return given(def, eq < 0 ? null : arg.substring(eq + 1), i);
        }
        OptionDef exact = byName.get(arg);
        if (exact != null) {
            return given(exact, null, i);
        }
        // a cluster: -vq, -Cdir, -C=dir, -vCdir
        for (int j = 1; j < arg.length(); j++) {
            OptionDef def = byName.get(shortName(arg.charAt(j)));
            if (def == null) {
                throw unknownOption(arg, null);
            }
            if (def.isFlag()) {
                given(def, null, i);
                continue;
            }
            String rest = arg.substring(j + 1);
            if (rest.isEmpty()) {
                return given(def, null, i);
            }
            return given(def, rest.charAt(0) == '=' ? rest.substring(1) : rest, i);
        }
        return i;
    }

    private static String shortName(char c) {
        return new String(new char[] {'-', c});
    }

    /**
     * Records option {@code def} given at {@code args[i]} with {@code attached} (its value written
     * into the same word), taking the next word as its value if it needs one.
     */
    private int given(OptionDef def, String attached, int i) {
        if (def == HELP || def == VERSION) {
            flagValue(def, attached);
            ParsedArgs.Request asked = def == HELP ? ParsedArgs.Request.HELP : ParsedArgs.Request.VERSION;
            if (request == ParsedArgs.Request.RUN
                    || asked == ParsedArgs.Request.HELP && request == ParsedArgs.Request.VERSION
                    && requestPath.equals(path)) {
                request = asked;
                requestPath = List.copyOf(path);
            }
            return i;
        }
        String key = def.key();
        if (!def.repeatable() && !givenHere.add(key)) {
            throw usage("option '" + key + "'" + (def.isFlag() ? "" : " (" + def.label() + ")")
                    + " should be specified only once");
        }
        if (def.isFlag()) {
            store(key, flagValue(def, attached));
            return i;
        }
        String value = attached;
        int last = i;
        if (value == null) {
            if (i + 1 >= args.length) {
                throw usage("Missing required parameter for option '" + key + "' (" + def.label() + ")");
            }
            last = i + 1;
            value = args[last];
        }
        if (isOptionName(value)) {
            throw usage("Expected parameter for option '" + key + "' but found '" + value + "'");
        }
        check(def, value);
        if (def.split() == null) {
            store(key, value);
        } else {
            int start = 0;
            int at;
            while ((at = value.indexOf(def.split(), start)) >= 0) {
                store(key, value.substring(start, at));
                start = at + def.split().length();
            }
            store(key, value.substring(start));
        }
        return last;
    }

    private String flagValue(OptionDef def, String attached) {
        if (attached == null || attached.equalsIgnoreCase("true")) {
            return "true";
        }
        if (attached.equalsIgnoreCase("false")) {
            return "false";
        }
        throw usage("Invalid value for option '" + def.key() + "': '" + attached + "' is not a boolean");
    }

    /** Whether {@code value} is the name of an option this command accepts (so a value was forgotten). */
    private boolean isOptionName(String value) {
        if (value.length() < 2 || value.charAt(0) != '-') {
            return false;
        }
        int eq = value.startsWith("--") ? value.indexOf('=') : -1;
        return byName.containsKey(eq < 0 ? value : value.substring(0, eq));
    }

    private void check(OptionDef def, String value) {
        if (def.type() == OptionDef.ValueType.INT) {
            try {
                Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw usage("Invalid value for option '" + def.key() + "': '" + value + "' is not an int");
            }
        } else if (def.type() == OptionDef.ValueType.CHOICE && !def.choices().contains(value)) {
            throw usage("Invalid value for option '" + def.key() + "': expected one of " + def.choices()
                    + " (case-sensitive) but was '" + value + "'");
        }
    }

    private void store(String key, String value) {
        List<String> list = values.get(key);
        if (list == null) {
            list = new ArrayList<>(2);
            values.put(key, list);
        }
        list.add(value);
    }

    private UsageException unknownOption(String arg, String longName) {
        String hint = null;
        if (longName != null) {
            List<String> names = new ArrayList<>();
            for (Map.Entry<String, OptionDef> e : byName.entrySet()) {
                if (e.getKey().startsWith("--") && !e.getValue().hidden()) {
                    names.add(e.getKey().substring(2));
                }
            }
            hint = Suggestions.closest(longName.substring(2), names).map(n -> "Did you mean '--" + n + "'?")
                    .orElse(null);
        }
        return new UsageException(qualifiedName(), "Unknown option: '" + arg + "'", hint);
    }

    private UsageException unmatched(int i, String hint) {
        return new UsageException(qualifiedName(), "Unmatched argument at index " + i + ": '" + args[i] + "'", hint);
    }

    private UsageException usage(String message) {
        return new UsageException(qualifiedName(), message, null);
    }

    private String qualifiedName() {
        return Help.qualifiedName(definitions.define(List.of()).name(), path);
    }
}
