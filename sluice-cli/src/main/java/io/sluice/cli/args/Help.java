package io.sluice.cli.args;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A command's help, laid out as picocli laid it out for {@code sluice} (80 columns): the usage
 * line, the description, the parameters and options with their descriptions, the subcommands
 * with their summaries, and the footer.
 */
public final class Help {
    /** Width of the help text. */
    static final int WIDTH = 80;
    /** Option names (with the value label) longer than this get their description on the next line. */
    private static final int NAMES_MAX = 20;
    /** Sorts option names as help lists them: ignoring dashes and case, {@code -v} before {@code -V}. */
    private static final Comparator<OptionDef> BY_NAME = (a, b) -> compareNames(sortName(a), sortName(b));

    private Help() {
    }

    /** {@code sluice runs list}: the root's name and the path. */
    public static String qualifiedName(String rootName, List<String> path) {
        return path.isEmpty() ? rootName : rootName + " " + String.join(" ", path);
    }

    /** The help of the command at {@code path}. */
    public static String render(Definitions definitions, List<String> path) {
        CommandDef root = definitions.define(List.of());
        CommandDef def = definitions.define(path);
        List<OptionDef> options = new ArrayList<>();
        for (int depth = 0; depth < path.size(); depth++) {
            CommandDef ancestor = depth == 0 ? root : definitions.define(path.subList(0, depth));
            for (OptionDef o : ancestor.options()) {
                if (o.inherited() && !o.hidden()) {
                    options.add(o);
                }
            }
        }
        for (OptionDef o : def.options()) {
            if (!o.hidden()) {
                options.add(o);
            }
        }
        options.add(Parser.HELP);
        options.add(Parser.VERSION);

        StringBuilder out = new StringBuilder();
        String usage = "Usage: " + qualifiedName(root.name(), path) + " ";
        lines(out, wrap(String.join(" ", synopsis(def, options)), WIDTH - usage.length(),
                WIDTH - usage.length()), usage, " ".repeat(usage.length()));
        for (String paragraph : def.description()) {
            lines(out, wrap(paragraph, WIDTH, WIDTH), "", "");
        }
        if (def.sortedOptions()) {
            options.sort(BY_NAME);
        }
        table(out, def.params(), options);
        if (!def.subcommands().isEmpty()) {
            line(out, "Commands:");
            int width = 0;
            for (String name : def.subcommands()) {
                width = Math.max(width, name.length());
            }
            for (String name : def.subcommands()) {
                List<String> sub = new ArrayList<>(path);
                sub.add(name);
                String summary = definitions.define(sub).description().get(0);
                lines(out, wrap(summary, WIDTH - width - 4, WIDTH - width - 6),
                        "  " + pad(name, width) + "  ", " ".repeat(width + 6));
            }
        }
        for (String footer : def.footer()) {
            line(out, footer);
        }
        return out.toString();
    }

    /** {@code [-hqvV] [--dry-run] [-C=DIR] [--nodes=NODE[,NODE...]]... NAME [COMMAND]}. */
    private static List<String> synopsis(CommandDef def, List<OptionDef> options) {
        List<OptionDef> sorted = new ArrayList<>(options);
        sorted.sort(BY_NAME);
        List<String> tokens = new ArrayList<>();
        StringBuilder cluster = new StringBuilder();
        for (OptionDef o : sorted) {
            String s = shortName(o);
            if (o.isFlag() && s != null) {
                cluster.append(s.charAt(1));
            }
        }
        if (cluster.length() > 0) {
            tokens.add("[-" + cluster + "]");
        }
        for (OptionDef o : sorted) {
            if (o.isFlag() && shortName(o) == null) {
                tokens.add("[" + shortest(o) + "]");
            }
        }
        for (OptionDef o : sorted) {
            if (!o.isFlag() && !o.repeatable()) {
                tokens.add("[" + shortest(o) + "=" + o.shownLabel() + "]");
            }
        }
        for (OptionDef o : sorted) {
            if (!o.isFlag() && o.repeatable()) {
                tokens.add("[" + shortest(o) + "=" + o.shownLabel() + "]...");
            }
        }
        for (ParamDef p : def.params()) {
            tokens.add(p.shownLabel());
        }
        if (!def.subcommands().isEmpty()) {
            tokens.add("[COMMAND]");
        }
        return tokens;
    }

    /** The parameters, then the options: names on the left, descriptions in a column on the right. */
    private static void table(StringBuilder out, List<ParamDef> params, List<OptionDef> options) {
        List<String> shorts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> descriptions = new ArrayList<>();
        for (ParamDef p : params) {
            shorts.add("");
            names.add(p.shownLabel());
            descriptions.add(p.description());
        }
        for (OptionDef o : options) {
            String s = shortName(o);
            String l = longName(o);
            String label = o.isFlag() ? "" : "=" + o.shownLabel();
            shorts.add(s == null ? "" : l == null ? s + label : s + ",");
            names.add(l == null ? "" : l + label);
            descriptions.add(o.description());
        }
        int width = 0;
        for (String n : names) {
            if (n.length() <= NAMES_MAX) {
                width = Math.max(width, n.length());
            }
        }
        int column = 6 + width + 3;
        for (int i = 0; i < names.size(); i++) {
            String left = "  " + pad(shorts.get(i), 3) + " " + names.get(i);
            List<String> text = wrap(descriptions.get(i), WIDTH - column, WIDTH - column - 2);
            if (names.get(i).length() > width) {
                line(out, left);
                lines(out, text, " ".repeat(column), " ".repeat(column + 2));
            } else {
                lines(out, text, pad(left, column), " ".repeat(column + 2));
            }
        }
    }

    private static void lines(StringBuilder out, List<String> text, String first, String rest) {
        for (int i = 0; i < text.size(); i++) {
            line(out, (i == 0 ? first : rest) + text.get(i));
        }
    }

    private static void line(StringBuilder out, String line) {
        out.append(line.stripTrailing()).append(System.lineSeparator());
    }

    /**
     * {@code text} in lines of at most {@code firstWidth}, then {@code restWidth}, broken at
     * spaces, with room for a space after every word but a paragraph's last (so lines read as
     * picocli's did); a word longer than a line is broken after its last comma or equals sign
     * that fits, else at the line's end.
     */
    static List<String> wrap(String text, int firstWidth, int restWidth) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        String[] words = text.trim().split(" +");
        for (int w = 0; w < words.length; w++) {
            String word = words[w];
            int room = w == words.length - 1 ? 0 : 1;
            while (true) {
                int width = lines.isEmpty() ? firstWidth : restWidth;
                int used = line.length() == 0 ? 0 : line.length() + 1;
                if (used + word.length() + room <= width || used == 0 && word.length() <= width) {
                    break;
                }
                // a word longer than any line fills this one, cut after a comma or equals sign if it can
                int cut = word.length() > restWidth ? breakPoint(word, width - used) : 0;
                if (used == 0 && cut == 0) {
                    break; // no room at all: the word as it is
                }
                if (cut > 0) {
                    line.append(used == 0 ? "" : " ").append(word, 0, cut);
                    word = word.substring(cut);
                }
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > 0 || lines.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    /** Where to cut {@code word} to fit {@code width}: after its last comma or equals sign that fits, else at the width. */
    private static int breakPoint(String word, int width) {
        if (width <= 0) {
            return 0;
        }
        int cut = Math.max(word.lastIndexOf(',', width - 1), word.lastIndexOf('=', width - 1)) + 1;
        return cut > 0 ? cut : Math.min(width, word.length());
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    private static String shortName(OptionDef o) {
        for (String n : o.names()) {
            if (!n.startsWith("--")) {
                return n;
            }
        }
        return null;
    }

    private static String longName(OptionDef o) {
        for (String n : o.names()) {
            if (n.startsWith("--")) {
                return n;
            }
        }
        return null;
    }

    private static String shortest(OptionDef o) {
        String s = shortName(o);
        return s != null ? s : longName(o);
    }

    private static String sortName(OptionDef o) {
        String s = shortest(o);
        return s.substring(s.startsWith("--") ? 2 : 1);
    }

    private static int compareNames(String a, String b) {
        int c = a.compareToIgnoreCase(b);
        return c != 0 ? c : b.compareTo(a);
    }
}
