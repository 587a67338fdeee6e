package io.sluice.config;

/**
 * Where a value sits in the section being bound, for messages: its path from the section
 * ({@code auth.bearer_token_credentials}, {@code pipelines[1]}; empty for the section itself) and
 * what the section is ("the server config").
 */
record KeyPath(String path, String what) {
    static KeyPath root(String what) {
        return new KeyPath("", what);
    }

    KeyPath child(String key) {
        return new KeyPath(path.isEmpty() ? key : path + "." + key, what);
    }

    KeyPath item(int index) {
        return new KeyPath(path + "[" + index + "]", what);
    }

    /** How messages name the mapping at this path: "the server config", "auth of the server config". */
    String where() {
        if (path.isEmpty()) {
            return what;
        }
        return what.isEmpty() ? path : path + " of " + what;
    }
}
