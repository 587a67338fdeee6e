package io.sluice.datasets.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * A query with {@code :name} placeholders rewritten to JDBC {@code ?} markers, and the names in
 * marker order. Placeholders inside string literals, quoted identifiers, comments and
 * dollar-quoted strings are left alone, as are PostgreSQL casts ({@code ::int}).
 *
 * @param sql   the query with {@code ?} markers
 * @param names the placeholder name of each marker, in order (a name used twice appears twice)
 */
record NamedParameters(String sql, List<String> names) {

    static NamedParameters parse(String text) {
        StringBuilder out = new StringBuilder(text.length());
        List<String> names = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            char ch = text.charAt(i);
            if (ch == '\'' || ch == '"') {
                int end = closing(text, i + 1, ch);
                out.append(text, i, end);
                i = end;
            } else if (ch == '-' && i + 1 < n && text.charAt(i + 1) == '-') {
                int end = text.indexOf('\n', i);
                end = end < 0 ? n : end;
                out.append(text, i, end);
                i = end;
            } else if (ch == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                out.append(text, i, end);
                i = end;
            } else if (ch == '$' && dollarTag(text, i) != null) {
                String tag = dollarTag(text, i);
                int end = text.indexOf(tag, i + tag.length());
                end = end < 0 ? n : end + tag.length();
                out.append(text, i, end);
                i = end;
            } else if (ch == ':' && i + 1 < n && text.charAt(i + 1) == ':') {
                out.append("::");
                i += 2;
            } else if (ch == ':' && i + 1 < n && isStart(text.charAt(i + 1))) {
                int end = i + 2;
                while (end < n && isPart(text.charAt(end))) {
                    end++;
                }
                names.add(text.substring(i + 1, end));
                out.append('?');
                i = end;
            } else {
                out.append(ch);
                i++;
            }
        }
        return new NamedParameters(out.toString(), List.copyOf(names));
    }

    /** The index just past the quote closing a literal opened before {@code from} ('' escapes). */
    private static int closing(String text, int from, char quote) {
        int i = from;
        while (i < text.length()) {
            if (text.charAt(i) == quote) {
                if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return text.length();
    }

    /** {@code $tag$} (or {@code $$}) starting at {@code i}, or null. */
    private static String dollarTag(String text, int i) {
        int j = i + 1;
        while (j < text.length() && isPart(text.charAt(j))) {
            j++;
        }
        if (j < text.length() && text.charAt(j) == '$' && (j == i + 1 || isStart(text.charAt(i + 1)))) {
            return text.substring(i, j + 1);
        }
        return null;
    }

    private static boolean isStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
