package io.sluice.cli.args;

/**
 * A positional parameter of a command ({@code RUN_ID}, {@code [NAME]}, {@code [DIR...]}).
 *
 * @param label       its name in help and errors
 * @param description one line of help
 * @param min         how many values it needs (0 or 1)
 * @param max         how many it takes at most ({@link Integer#MAX_VALUE}: any number)
 */
public record ParamDef(String label, String description, int min, int max) {

    public ParamDef {
        if (min < 0 || max < Math.max(min, 1)) {
            throw new IllegalArgumentException("bad arity " + min + ".." + max + " of " + label);
        }
    }

    /** Exactly one value. */
    public static ParamDef required(String label, String description) {
        return new ParamDef(label, description, 1, 1);
    }

    /** One value or none. */
    public static ParamDef optional(String label, String description) {
        return new ParamDef(label, description, 0, 1);
    }

    /** Any number of values, none included. */
    public static ParamDef any(String label, String description) {
        return new ParamDef(label, description, 0, Integer.MAX_VALUE);
    }

    /** As help shows it: {@code NAME}, {@code [NAME]} or {@code [NAME...]}. */
    public String shownLabel() {
        String many = max > 1 ? label + "..." : label;
        return min == 0 ? "[" + many + "]" : many;
    }
}
