package io.sluice.server;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes the server's file system out of the messages of failed runs before they reach a client.
 * A node's exception often names files: a model that failed to run names its file, a missing
 * input its path, a native library its own sources. The client needs the node, the exception type
 * and what went wrong, not where the server keeps its files; the full message and stack trace are
 * logged.
 *
 * <p>The rules, in order:
 * <ol>
 *   <li>{@code file:} and {@code jar:file:} URIs are read as the paths they hold;</li>
 *   <li>paths under the project directory become project-relative ({@code data/06_models/regressor.onnx}),
 *       the project directory itself {@code .};</li>
 *   <li>every other absolute path ({@code /opt/x/y.so}, {@code C:\x\y.dll}) becomes its file name
 *       ({@code y.so}): an absolute path starts with {@code /} (or a drive letter) after a space,
 *       a quote, a bracket, {@code =} or the start of a line, so that URLs ({@code http://h/p}) and
 *       relative paths ({@code a/b}) are left alone;</li>
 *   <li>lines of a stack trace ({@code at pkg.Class.method(File.java:12)}, {@code ... 3 more}) are
 *       removed.</li>
 * </ol>
 * A path-like piece of a message that is not a file (a URL path written on its own, as in
 * {@code GET /api/v1/x failed}) is shortened the same way: the rule cannot tell them apart, and
 * saying too little about the server is the side to err on. Only messages of failures are
 * cleaned, never the server's own refusals, which quote what the client sent.
 */
final class FailureMessages {
    /** A {@code file:} URI's scheme and slashes, leaving the absolute path it holds. */
    private static final Pattern FILE_URI = Pattern.compile("(?:jar:)?file:/*(?=[^/\\s])");
    /** A character of a path's component: anything but separators, blanks, quotes and the brackets around a path. */
    private static final String COMPONENT_CHAR = "[^\\s/\\\\'\"`,;:()\\[\\]{}<>|]";
    private static final String COMPONENT = COMPONENT_CHAR + "+";
    /** Where an absolute path may start: not inside a word, a relative path or a URL. */
    private static final String AFTER = "(?<![\\w.~:/\\\\\\-])";
    private static final Pattern UNIX_PATH = Pattern.compile(AFTER + "(?:/" + COMPONENT + ")+/?");
    private static final Pattern WINDOWS_PATH = Pattern.compile("(?<![\\w.])[A-Za-z]:\\\\(?:" + COMPONENT
            + "\\\\?)*");
    private static final Pattern STACK_FRAME = Pattern.compile(
            "(?m)^[ \\t]*(?:at [\\w$.<>/]+\\([^)\\n]*\\)|\\.\\.\\. \\d+ (?:more|common frames omitted))[ \\t]*(?:\\R|$)");

    /**
     * The project directory where a path starts, as it may be written (absolute, and its real path
     * when a link leads to it), followed by a separator (a path below it) or not (the directory).
     */
    private final List<Pattern> projectDirs = new ArrayList<>();

    /** @param projectDir the project whose paths are shown relative to it */
    FailureMessages(Path projectDir) {
        Path absolute = projectDir.toAbsolutePath().normalize();
        Set<String> spellings = new LinkedHashSet<>();
        spellings.add(absolute.toString());
        try {
            spellings.add(absolute.toRealPath().toString());
        } catch (IOException e) {
            // a project directory that cannot be resolved has no other spelling to look for
        }
        for (String dir : spellings) {
            if (dir.length() > 1) { // not the root, which every path starts with
                projectDirs.add(Pattern.compile(AFTER + Pattern.quote(dir) + "(?:([/\\\\])(?=" + COMPONENT_CHAR
                        + ")|[/\\\\]?(?!" + COMPONENT_CHAR + "))"));
            }
        }
    }

    /** {@code message} without absolute paths outside the project or stack trace lines; null stays null. */
    String clean(String message) {
        if (message == null || message.isEmpty()) {
            return message;
        }
        String m = FILE_URI.matcher(message).replaceAll("/");
        for (Pattern dir : projectDirs) {
            m = relativise(m, dir);
        }
        m = replace(UNIX_PATH, m, '/');
        m = replace(WINDOWS_PATH, m, '\\');
        return STACK_FRAME.matcher(m).replaceAll("").stripTrailing();
    }

    /** {@code dir/x} becomes {@code x} and {@code dir} alone {@code .}, where {@code dir} starts a path. */
    private static String relativise(String message, Pattern dir) {
        Matcher m = dir.matcher(message);
        StringBuilder out = new StringBuilder(message.length());
        while (m.find()) {
            m.appendReplacement(out, m.group(1) != null ? "" : "."); // a path below it, or the directory
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Every match of {@code path} replaced by its last non-empty component. */
    private static String replace(Pattern path, String message, char separator) {
        Matcher m = path.matcher(message);
        StringBuilder out = null;
        while (m.find()) {
            if (out == null) {
                out = new StringBuilder(message.length());
            }
            String found = m.group();
            int end = found.length();
            while (end > 1 && found.charAt(end - 1) == separator) {
                end--;
            }
            String name = found.substring(found.lastIndexOf(separator, end - 1) + 1, end);
            m.appendReplacement(out, Matcher.quoteReplacement(name));
        }
        if (out == null) {
            return message;
        }
        m.appendTail(out);
        return out.toString();
    }
}
