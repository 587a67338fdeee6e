package io.sluice.config;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A config folder read from an archive: its files by '/'-separated path relative to the folder
 * (e.g. {@code base/catalog.yml}), in memory.
 *
 * @param files   the files' bytes by path; only paths below an environment directory matter
 * @param shownAs the folder as shown in messages, e.g. {@code conf-x.tar.gz!/conf}
 */
record MemoryTree(SortedMap<String, byte[]> files, String shownAs) implements ConfigTree {

    MemoryTree {
        files = new TreeMap<>(files);
    }

    @Override
    public boolean hasEnv(String env) {
        String prefix = env + "/";
        return files.keySet().stream().anyMatch(p -> p.startsWith(prefix));
    }

    @Override
    public List<String> environments() {
        TreeSet<String> envs = new TreeSet<>();
        for (String path : files.keySet()) {
            int slash = path.indexOf('/');
            if (slash > 0) {
                String env = path.substring(0, slash);
                if (!env.equals(ConfigSources.BASE) && !env.startsWith(".")) {
                    envs.add(env);
                }
            }
        }
        return List.copyOf(envs);
    }

    @Override
    public List<Path> yamlFiles(String env) {
        String prefix = env + "/";
        List<Path> out = new ArrayList<>();
        for (String path : files.keySet()) {
            if (!path.startsWith(prefix)) {
                continue;
            }
            String rel = path.substring(prefix.length());
            boolean hidden = rel.startsWith(".") || rel.contains("/.");
            if (!hidden && (rel.endsWith(".yml") || rel.endsWith(".yaml"))) {
                out.add(Path.of(rel));
            }
        }
        out.sort(Comparator.comparing(ConfigFiles::slashed));
        return out;
    }

    @Override
    public ConfigMap parse(String env, Path rel) {
        String path = env + "/" + ConfigFiles.slashed(rel);
        String shown = shown(path);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(files.get(path))).toString();
        } catch (CharacterCodingException e) {
            throw new ConfigException(Location.of(shown), "the file is not valid UTF-8", "Save it as UTF-8.");
        }
        return ConfigYaml.parseMap(text, shown);
    }

    @Override
    public String shown(String sub) {
        return shownAs + "/" + sub;
    }
}
