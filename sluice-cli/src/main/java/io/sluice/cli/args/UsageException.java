package io.sluice.cli.args;

/**
 * Bad usage: an unknown option, a missing or invalid value, a missing command. The message says
 * what is wrong; the hint, when there is one, what was probably meant.
 */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String command;
    private final String hint;

    /**
     * @param command the qualified name of the command whose usage it was ({@code sluice run}), or
     *                null when the caller knows it better (a command checking its own options)
     * @param hint    a line for after the message ({@code Did you mean: runs list?}), or null
     */
    public UsageException(String command, String message, String hint) {
        super(message);
        this.command = command;
        this.hint = hint;
    }

    /** A usage error found by a command in its own options. */
    public UsageException(String message) {
        this(null, message, null);
    }

    /** The qualified command name ({@code sluice run}), or null when not known here. */
    public String command() {
        return command;
    }

    /** What was probably meant, or null. */
    public String hint() {
        return hint;
    }
}
