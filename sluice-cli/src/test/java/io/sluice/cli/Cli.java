package io.sluice.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the sluice command line in-process and captures what it prints. */
record Cli(int exitCode, String out, String err) {

    static Cli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SluiceMain.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Cli(code, out.toString(), err.toString());
    }

    /** Runs with {@code environment} as the environment variables the CLI reads itself. */
    static Cli run(java.util.Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new SluiceMain(new PrintWriter(out, true), new PrintWriter(err, true), environment).execute(args);
        return new Cli(code, out.toString(), err.toString());
    }

    /** A parsed command line, not run: the root with the global options, and the command. */
    record Parsed(SluiceMain root, Command command) {
    }

    /** Parses {@code args} as {@code sluice} would, without running the command. */
    static Parsed parse(String... args) {
        SluiceMain root = new SluiceMain(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        return new Parsed(root, root.parse(args));
    }
}
