package io.sluice.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** A config folder on disk, read lazily (a file is parsed when its kind is first needed). */
record DirTree(Path dir, String shownAs) implements ConfigTree {

    @Override
    public boolean hasEnv(String env) {
        return Files.isDirectory(dir.resolve(env));
    }

    @Override
    public List<String> environments() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(dir)) {
            return dirs.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .filter(name -> !name.equals(ConfigSources.BASE) && !name.startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<Path> yamlFiles(String env) {
        return ConfigFiles.yamlFiles(dir.resolve(env));
    }

    @Override
    public ConfigMap parse(String env, Path rel) {
        return ConfigYaml.parseMapFile(dir.resolve(env).resolve(rel), shown(env + "/" + ConfigFiles.slashed(rel)));
    }

    @Override
    public String shown(String sub) {
        return shownAs + "/" + sub;
    }
}
