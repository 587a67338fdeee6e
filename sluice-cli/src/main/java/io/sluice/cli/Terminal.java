package io.sluice.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the process's standard streams are connected to, and whether colour is wanted there. A
 * stream is a terminal when the JVM has a console (stdin and stdout are terminals) and, on Linux,
 * when {@code /proc/self/fd/N} links to a terminal device — so that {@code sluice run 2>log}
 * on a terminal writes a plain log. Colour follows the <a href="https://no-color.org">NO_COLOR</a>
 * convention: any non-empty {@code NO_COLOR}, or {@code TERM=dumb}, turns it off.
 *
 * @param interactive whether the JVM has a console
 * @param environment the process's environment variables
 * @param fds         where the file descriptor links are read ({@code /proc/self/fd})
 */
record Terminal(boolean interactive, Map<String, String> environment, Path fds) {
    private static final int STDERR = 2;

    /** This process's streams. */
    static Terminal current() {
        return new Terminal(System.console() != null, System.getenv(), Path.of("/proc/self/fd"));
    }

    /** Whether stderr is a terminal, where progress and colours may be drawn. */
    boolean stderrIsTerminal() {
        if (!interactive) {
            return false;
        }
        Path fd = fds.resolve(Integer.toString(STDERR));
        if (!Files.isSymbolicLink(fd)) {
            return true; // no /proc (macOS): the console decides
        }
        try {
            String target = Files.readSymbolicLink(fd).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException e) {
            return true;
        }
    }

    /** Whether logs on stderr are coloured: a terminal, no {@code NO_COLOR}, no {@code TERM=dumb}. */
    boolean colours() {
        String noColor = environment.get("NO_COLOR");
        return (noColor == null || noColor.isEmpty()) && !"dumb".equals(environment.get("TERM")) && stderrIsTerminal();
    }
}
