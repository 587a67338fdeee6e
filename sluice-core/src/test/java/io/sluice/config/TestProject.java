package io.sluice.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Writes config files into a temporary project directory for tests. */
final class TestProject {
    final Path dir;

    TestProject(Path dir) {
        this.dir = dir;
    }

    TestProject write(String relativePath, String content) {
        Path file = dir.resolve(relativePath);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    TestProject mkdir(String relativePath) {
        try {
            Files.createDirectories(dir.resolve(relativePath));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    ProjectConfig load(String env) {
        return ConfigLoader.load(dir, env, Map.of(), Map.of());
    }

    ProjectConfig load(String env, Map<String, Object> runtimeParams, Map<String, String> envVars) {
        return ConfigLoader.load(dir, env, runtimeParams, envVars);
    }
}
