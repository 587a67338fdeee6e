package io.sluice.config;

import java.nio.file.Path;
import java.util.List;

/**
 * The environment directories of a config folder ({@code base}, {@code local}, ...) and their
 * YAML files, wherever they are: a directory on disk or the entries of an archive held in
 * memory. Paths of files are relative to their environment directory.
 */
interface ConfigTree {
    /** Whether environment {@code env} has a directory. */
    boolean hasEnv(String env);

    /** The environments besides base, sorted, hidden ones left out. */
    List<String> environments();

    /**
     * The {@code .yml}/{@code .yaml} files of {@code env}, relative to its directory, sorted by
     * their '/'-separated text; hidden files and directories left out.
     */
    List<Path> yamlFiles(String env);

    /** Parses file {@code rel} of {@code env}, which must hold a mapping. */
    ConfigMap parse(String env, Path rel);

    /**
     * How {@code sub} (e.g. {@code base} or {@code base/catalog.yml}) is shown in messages:
     * {@code conf/base/catalog.yml} for the project's own folder,
     * {@code conf-x.tar.gz!/conf/base/catalog.yml} inside an archive.
     */
    String shown(String sub);

    /** The folder itself as shown in messages, e.g. {@code conf}. */
    String shownAs();
}
