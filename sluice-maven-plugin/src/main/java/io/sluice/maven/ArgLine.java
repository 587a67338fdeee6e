package io.sluice.maven;

import java.util.ArrayList;
import java.util.List;

/** Splits {@code -Dsluice.args="-p reporting --params 'a=1 2'"} into words, as a shell would. */
final class ArgLine {
    private ArgLine() {
    }

    /**
     * The words of {@code line}: separated by whitespace; single or double quotes group a word
     * (and are dropped); a backslash outside single quotes takes the next character literally.
     * Null or blank: none.
     *
     * @throws IllegalArgumentException for an unclosed quote
     */
    static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        if (line == null) {
            return words;
        }
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < line.length()) {
                    word.append(line.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == '\\' && i + 1 < line.length()) {
                word.append(line.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("Unclosed " + quote + " in sluice.args: " + line);
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
