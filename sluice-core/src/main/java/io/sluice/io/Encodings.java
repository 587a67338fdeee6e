package io.sluice.io;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;

/** Reads an {@code encoding} key into a {@link Charset}, UTF-8 by default. */
final class Encodings {
    private Encodings() {
    }

    static Charset charset(DatasetConfig config, String key) {
        String name = config.string(key, "UTF-8");
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new DatasetConfigException(config.location(key) + ": " + config.configSubject() + ": encoding '"
                    + name + "' is not supported by this JVM. Use e.g. UTF-8, ISO-8859-1 or windows-1252.");
        }
    }
}
