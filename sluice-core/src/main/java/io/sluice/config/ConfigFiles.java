package io.sluice.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the YAML files of one environment directory and decides which belong to which config
 * kind, with Kedro's patterns: for kind {@code K}, {@code K*.yml}, {@code K*}{@code /**}{@code /*.yml}
 * and {@code **}{@code /K*.yml} ({@code .yaml} too).
 */
final class ConfigFiles {
    private ConfigFiles() {}

    /**
     * The {@code .yml}/{@code .yaml} files under {@code envDir}, as paths relative to it, sorted by
     * their '/'-separated text. Files and directories whose name starts with '.' are skipped.
     */
    static List<Path> yamlFiles(Path envDir) {
        if (!Files.isDirectory(envDir)) {
            return List.of();
        }
        List<Path> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(envDir)) {
            walk.filter(Files::isRegularFile)
                    .map(envDir::relativize)
                    .filter(rel -> !hidden(rel) && isYaml(rel.getFileName().toString()))
                    .forEach(out::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + envDir, e);
        }
        // Not Comparator.comparing: its lambda is serializable, which the AOT cache cannot hold
        // (a class spun in every fresh JVM).
        out.sort((a, b) -> slashed(a).compareTo(slashed(b)));
        return out;
    }

    /** Whether the file at {@code rel} (relative to its environment directory) is of {@code kind}. */
    static boolean matches(String kind, Path rel) {
        String name = rel.getFileName().toString();
        if (rel.getNameCount() == 1) {
            return name.startsWith(kind);
        }
        return rel.getName(0).toString().startsWith(kind) || name.startsWith(kind);
    }

    static String slashed(Path path) {
        return path.toString().replace('\\', '/');
    }

    private static boolean hidden(Path rel) {
        for (Path part : rel) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isYaml(String name) {
        return name.endsWith(".yml") || name.endsWith(".yaml");
    }
}
