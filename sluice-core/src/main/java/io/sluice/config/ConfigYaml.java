package io.sluice.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Parses YAML into a {@link ConfigValue} tree where every key and value knows its file, line and
 * column.
 *
 * <p>Plain scalars are typed by the YAML 1.2 core schema: integers become {@code Integer},
 * {@code Long} or {@code BigInteger} (decimal, {@code 0o} octal, {@code 0x} hex), floats
 * {@code Double} (including {@code .inf}, {@code .nan}), {@code true}/{@code false} (any case
 * style YAML allows) {@code Boolean}, {@code null}/{@code ~}/empty {@code null}; anything else,
 * and every quoted scalar, is a {@code String}. YAML 1.1 extras ({@code yes}, {@code on},
 * timestamps) stay strings. The tags {@code !!str}, {@code !!int}, {@code !!float},
 * {@code !!bool}, {@code !!null} are honoured; other tags are an error.
 *
 * <p>Anchors, aliases and merge keys ({@code <<: *defaults}) work as in YAML: keys written in the
 * mapping win over merged ones. A key written twice in one mapping is an error naming both
 * places. Only a single document per file is accepted.
 */
public final class ConfigYaml {
    /** Marks scalars that were written plain and untagged, so the core schema types them. */
    private static final Tag PLAIN = new Tag("tag:sluice.io,2025:plain");

    private ConfigYaml() {}

    /**
     * Parses one YAML document.
     *
     * @param yaml the text
     * @param file the file name shown in locations, e.g. {@code conf/base/catalog.yml}
     * @return the tree; an empty document gives a {@code null} scalar
     * @throws ConfigException on a syntax error, a duplicate key or an unsupported tag
     */
    public static ConfigValue parse(String yaml, String file) {
        LoaderOptions options = new LoaderOptions();
        options.setProcessComments(false);
        Node root;
        try {
            Composer composer = new Composer(
                    new ParserImpl(new StreamReader(yaml), options), new CoreResolver(), options);
            root = composer.getSingleNode();
        } catch (MarkedYAMLException e) {
            throw syntaxError(e, file);
        } catch (YAMLException e) {
            throw new ConfigException(Location.of(file), "invalid YAML: " + e.getMessage(),
                    "Fix the YAML so that it parses.");
        }
        if (root == null) {
            return new ConfigScalar(new Location(file, 0, 0), null);
        }
        return new Converter(file).convert(root);
    }

    /**
     * Parses a config file whose top level must be a mapping (or empty).
     *
     * @param file     the file to read (UTF-8)
     * @param shownAs  its name as shown in locations, e.g. {@code conf/base/catalog.yml}
     * @return the top-level mapping; an empty file gives an empty mapping
     * @throws ConfigException if the file cannot be read, does not parse, or is not a mapping
     */
    public static ConfigMap parseMapFile(Path file, String shownAs) {
        String text;
        try {
            text = Files.readString(file);
        } catch (CharacterCodingException e) {
            throw new ConfigException(Location.of(shownAs), "the file is not valid UTF-8",
                    "Save it as UTF-8.");
        } catch (IOException e) {
            throw new ConfigException(Location.of(shownAs), "cannot read the file (" + e + ")",
                    "Check that it exists and is readable.");
        }
        return parseMap(text, shownAs);
    }

    /**
     * Parses config text whose top level must be a mapping (or empty).
     *
     * @param text    the YAML text
     * @param shownAs its file's name as shown in locations
     * @return the top-level mapping; an empty text gives an empty mapping
     * @throws ConfigException if it does not parse or is not a mapping
     */
    static ConfigMap parseMap(String text, String shownAs) {
        ConfigValue value = parse(text, shownAs);
        if (value instanceof ConfigMap map) {
            return map;
        }
        if (value instanceof ConfigScalar s && s.value() == null && s.location().line() == 0) {
            return ConfigMap.empty(Location.of(shownAs));
        }
        String what = value instanceof ConfigList ? "a list" : "a single value";
        throw new ConfigException(value.location(), "the file holds " + what
                + ", but a config file must be a mapping of keys to values",
                "Write it as `key: value` lines.");
    }

    private static ConfigException syntaxError(MarkedYAMLException e, String file) {
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        Location at = mark == null ? Location.of(file)
                : new Location(file, mark.getLine() + 1, mark.getColumn() + 1);
        String problem = e.getProblem() == null ? "" : e.getProblem();
        String context = e.getContext() == null ? "" : e.getContext();
        if (problem.startsWith("mapping values are not allowed here")) {
            return new ConfigException(at, "invalid YAML: a ':' is not allowed here",
                    "Quote the value if it contains ': ', or fix the indentation of this line.");
        }
        if (problem.startsWith("found character") && problem.contains("TAB")) {
            return new ConfigException(at, "invalid YAML: a tab character is used for indentation",
                    "Indent with spaces only.");
        }
        if (problem.startsWith("could not find expected ':'")) {
            return new ConfigException(at, "invalid YAML: a key is not followed by ':'",
                    "Add the ':' after the key, or close the quote opened before this position.");
        }
        if (problem.startsWith("found unexpected end of stream") && context.contains("quoted")) {
            return new ConfigException(at, "invalid YAML: a quoted string is never closed",
                    "Add the closing quote.");
        }
        if (problem.startsWith("expected <block end>")) {
            return new ConfigException(at,
                    "invalid YAML: this line is indented differently from the lines before it",
                    "Align it with the keys it belongs to.");
        }
        if (problem.startsWith("found undefined alias")) {
            return new ConfigException(at, "invalid YAML: " + problem,
                    "Define the anchor (&name) before using it as *name.");
        }
        String text = context.isEmpty() ? problem : problem + " (" + context + ")";
        return new ConfigException(at, "invalid YAML: " + text,
                "Check the indentation and quoting at this position and on the line before it.");
    }

    /** Resolves plain untagged scalars to {@link #PLAIN}; everything else as SnakeYAML does. */
    private static final class CoreResolver extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            // typing is done by CoreSchema, not by SnakeYAML's YAML 1.1 rules
        }

        @Override
        public Tag resolve(NodeId kind, String value, boolean implicit) {
            if (kind == NodeId.scalar && implicit) {
                return PLAIN;
            }
            return super.resolve(kind, value, implicit);
        }
    }

    /** Turns SnakeYAML nodes into located config values. */
    private static final class Converter {
        private final String file;
        private final Set<Node> inProgress = Collections.newSetFromMap(new IdentityHashMap<>());

        Converter(String file) {
            this.file = file;
        }

        ConfigValue convert(Node node) {
            if (!inProgress.add(node)) {
                throw new ConfigException(at(node), "an alias refers to a collection that contains it",
                        "Remove the recursive alias.");
            }
            try {
                if (node instanceof ScalarNode s) {
                    return new ConfigScalar(at(s), scalar(s));
                }
                if (node instanceof SequenceNode seq) {
                    List<ConfigValue> items = new ArrayList<>(seq.getValue().size());
                    for (Node item : seq.getValue()) {
                        items.add(convert(item));
                    }
                    return new ConfigList(at(seq), items);
                }
                return mapping((MappingNode) node);
            } finally {
                inProgress.remove(node);
            }
        }

        private ConfigMap mapping(MappingNode node) {
            Map<String, ConfigValue> written = new LinkedHashMap<>();
            Map<String, Location> writtenAt = new LinkedHashMap<>();
            List<ConfigMap> merged = new ArrayList<>();
            for (NodeTuple tuple : node.getValue()) {
                Node keyNode = tuple.getKeyNode();
                if (!(keyNode instanceof ScalarNode key)) {
                    throw new ConfigException(at(keyNode), "a key must be a plain value, not a "
                            + (keyNode instanceof SequenceNode ? "list" : "mapping"),
                            "Use a string key.");
                }
                if (key.getTag() == PLAIN && key.getValue().equals("<<")) {
                    merged.addAll(mergeSources(tuple.getValueNode()));
                    continue;
                }
                String name = key.getValue();
                Location first = writtenAt.get(name);
                if (first != null) {
                    throw new ConfigException(at(key),
                            "duplicate key \"" + name + "\" (first defined at " + first + ")",
                            "Remove or rename one of them.");
                }
                writtenAt.put(name, at(key));
                written.put(name, convert(tuple.getValueNode()));
            }
            if (merged.isEmpty()) {
                return new ConfigMap(at(node), written, writtenAt);
            }
            // Merged keys come first in source order; keys written here override them in place.
            Map<String, ConfigValue> entries = new LinkedHashMap<>();
            Map<String, Location> keyLocations = new LinkedHashMap<>();
            for (ConfigMap source : merged) {
                for (String k : source.keys()) {
                    if (!entries.containsKey(k)) {
                        entries.put(k, source.get(k));
                        keyLocations.put(k, source.keyLocation(k));
                    }
                }
            }
            entries.putAll(written);
            keyLocations.putAll(writtenAt);
            return new ConfigMap(at(node), entries, keyLocations);
        }

        private List<ConfigMap> mergeSources(Node value) {
            List<ConfigMap> out = new ArrayList<>();
            if (value instanceof MappingNode) {
                out.add((ConfigMap) convert(value));
                return out;
            }
            if (value instanceof SequenceNode seq) {
                boolean allMaps = seq.getValue().stream().allMatch(n -> n instanceof MappingNode);
                if (allMaps) {
                    for (Node n : seq.getValue()) {
                        out.add((ConfigMap) convert(n));
                    }
                    return out;
                }
            }
            throw new ConfigException(at(value), "a merge key '<<' must be followed by a mapping",
                    "Write `<<: *anchor` or `<<: [*a, *b]` where the anchors name mappings.");
        }

        private Object scalar(ScalarNode s) {
            Tag tag = s.getTag();
            String text = s.getValue();
            if (tag == PLAIN) {
                return CoreSchema.type(text);
            }
            if (tag.equals(Tag.STR)) {
                return text;
            }
            Object value = null;
            boolean ok;
            if (tag.equals(Tag.INT)) {
                value = CoreSchema.integer(text);
                ok = value != null;
            } else if (tag.equals(Tag.FLOAT)) {
                Object i = CoreSchema.integer(text);
                value = i != null ? Double.valueOf(((Number) i).doubleValue()) : CoreSchema.floating(text);
                ok = value != null;
            } else if (tag.equals(Tag.BOOL)) {
                value = CoreSchema.bool(text);
                ok = value != null;
            } else if (tag.equals(Tag.NULL)) {
                ok = CoreSchema.isNull(text);
            } else {
                throw new ConfigException(at(s), "unsupported YAML tag " + shortTag(tag),
                        "Remove the tag; config supports only !!str, !!int, !!float, !!bool and !!null.");
            }
            if (!ok) {
                throw new ConfigException(at(s), "\"" + text + "\" is not a valid " + shortTag(tag),
                        "Fix the value or remove the tag.");
            }
            return value;
        }

        private static String shortTag(Tag tag) {
            String v = tag.getValue();
            return v.startsWith(Tag.PREFIX) ? "!!" + v.substring(Tag.PREFIX.length()) : v;
        }

        private Location at(Node node) {
            Mark m = node.getStartMark();
            return m == null ? Location.of(file) : new Location(file, m.getLine() + 1, m.getColumn() + 1);
        }
    }
}
