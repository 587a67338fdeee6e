package io.sluice.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The versions {@code sluice new} writes into a generated pom: Sluice's own version and those of
 * JUnit and AssertJ, filled in by this module's build from the parent pom, and the pinned build
 * plugins. Read from {@code io/sluice/cli/versions.properties} (a resource, so the values are the
 * same whether the CLI runs from its jar or from {@code target/classes}).
 */
final class Versions {
    static final String RESOURCE = "versions.properties";

    private final Properties properties;

    private Versions(Properties properties) {
        this.properties = properties;
    }

    /** The versions of this build of the CLI. */
    static Versions load() {
        Properties p = new Properties();
        try (InputStream in = Versions.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("io/sluice/cli/" + RESOURCE + " is missing from the class path");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Versions(p);
    }

    /** Sluice's version, e.g. {@code 0.1.0-SNAPSHOT}. */
    String sluice() {
        return get("sluice.version");
    }

    /** The value of {@code key}; fails when it is absent or was not filtered by the build. */
    String get(String key) {
        String v = properties.getProperty(key);
        if (v == null || v.isBlank() || v.contains("${")) {
            throw new IllegalStateException("io/sluice/cli/" + RESOURCE + " has no value for " + key
                    + " (got " + v + "); was the CLI built with Maven?");
        }
        return v.strip();
    }
}
