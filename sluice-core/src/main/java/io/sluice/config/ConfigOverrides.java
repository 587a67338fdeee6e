package io.sluice.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.sluice.Suggestions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Config given as JSON instead of files ({@code --conf-json}, {@code SLUICE_CONF_JSON}): a JSON
 * object by config kind, then by top-level key, e.g.
 * {@code {"catalog": {"companies": {"type": "csv", "filepath": "s3://b/companies.csv"}},
 * "parameters": {"model_options": {"test_size": 0.3}}}}.
 *
 * <p>It is one more layer over {@code conf/base} and {@code conf/<env>}, with the same rule: each
 * top-level key of a kind <em>replaces</em> that key of the files, whole (nothing is merged below
 * the top level, so an override can also drop keys, e.g. a catalog entry's {@code load_args}
 * when its type changes). Runtime params ({@code --params}) still apply over parameters after
 * it, deeply. Values are interpolated like written ones ({@code "${globals:bucket}/x.csv"}).
 *
 * <p>{@code credentials} are refused: a command line is visible to every user of the machine
 * ({@code ps}), kept in shell histories and shown in the task definitions and logs of
 * orchestrators. Credentials belong in {@code conf/<env>/credentials.yml}, where
 * {@code ${env:VAR}} reads them from the environment.
 *
 * <p>Values are located at {@code <origin>:line:column} (e.g. {@code --conf-json:1:42}) in
 * errors. Immutable.
 */
public final class ConfigOverrides {
    /** The environment variable read by the CLI; {@code --conf-json} is layered over it. */
    public static final String ENV_VAR = "SLUICE_CONF_JSON";

    /** Kinds a Sluice component reads; any kind that has files in the config is accepted too. */
    static final Set<String> KNOWN_KINDS = Set.of(ProjectConfig.CATALOG, ProjectConfig.PARAMETERS,
            ProjectConfig.GLOBALS, "runners", "engines", "server", "deploy");

    private static final ConfigOverrides NONE = new ConfigOverrides(Map.of());

    private final Map<String, ConfigMap> kinds;

    private ConfigOverrides(Map<String, ConfigMap> kinds) {
        this.kinds = kinds;
    }

    /** No overrides. */
    public static ConfigOverrides none() {
        return NONE;
    }

    /**
     * Parses {@code json}.
     *
     * @param json   a JSON object of config kinds
     * @param origin how the text is named in locations, e.g. {@code --conf-json}
     * @throws ConfigException if it is not valid JSON (located at the line and column), not an
     *                         object of objects, or names {@code credentials}
     */
    public static ConfigOverrides parse(String json, String origin) {
        ConfigValue root;
        try (JsonParser parser = new JsonFactory().createParser(json)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new ConfigException(Location.of(origin), "the JSON is empty",
                        "Give an object by config kind, e.g. {\"parameters\": {\"lr\": 0.1}}.");
            }
            root = read(parser, origin);
            JsonToken extra = parser.nextToken();
            if (extra != null) {
                throw new ConfigException(at(parser.currentTokenLocation(), origin),
                        "unexpected text after the JSON object", "Give one JSON object.");
            }
        } catch (JsonParseException e) {
            String message = e.getOriginalMessage();
            int cut = message.indexOf('\n');
            throw new ConfigException(at(e.getLocation(), origin),
                    "malformed JSON: " + (cut < 0 ? message : message.substring(0, cut)),
                    "Check the quoting: in a shell, put the whole JSON in single quotes.");
        } catch (IOException e) {
            throw new ConfigException(Location.of(origin), "cannot read the JSON (" + e.getMessage() + ")", "");
        }
        if (!(root instanceof ConfigMap top)) {
            throw new ConfigException(root.location(), "the JSON must be an object by config kind",
                    "E.g. {\"catalog\": {\"companies\": {\"type\": \"csv\", \"filepath\": \"s3://b/c.csv\"}}}.");
        }
        Map<String, ConfigMap> kinds = new LinkedHashMap<>();
        for (String kind : top.keys()) {
            ConfigValue value = top.get(kind);
            if (kind.startsWith(ProjectConfig.CREDENTIALS)) {
                throw new ConfigException(top.keyLocation(kind), "credentials cannot be given as JSON",
                        "A command line is visible to other users (ps), shell histories and orchestrators' "
                                + "logs: write them in conf/<env>/credentials.yml, reading secrets from the "
                                + "environment with ${env:VAR}.");
            }
            if (!(value instanceof ConfigMap map)) {
                throw new ConfigException(value.location(), "the value of config kind \"" + kind
                        + "\" must be an object of top-level keys",
                        "E.g. {\"" + kind + "\": {\"key\": \"value\"}}.");
            }
            kinds.put(kind, map);
        }
        return new ConfigOverrides(Map.copyOf(kinds));
    }

    /**
     * These overrides layered over {@code lower}: a top-level key of a kind given in both is
     * this one's.
     */
    public ConfigOverrides over(ConfigOverrides lower) {
        if (lower.kinds.isEmpty()) {
            return this;
        }
        Map<String, ConfigMap> merged = new LinkedHashMap<>(lower.kinds);
        kinds.forEach((kind, map) -> merged.merge(kind, map, (low, high) -> {
            Map<String, ConfigValue> entries = new LinkedHashMap<>(low.entries());
            Map<String, Location> keys = new LinkedHashMap<>(low.keyLocations());
            entries.putAll(high.entries());
            keys.putAll(high.keyLocations());
            return new ConfigMap(high.location(), entries, keys);
        }));
        return new ConfigOverrides(Map.copyOf(merged));
    }

    /**
     * A digest of these overrides, to tell at a resume whether a run is given the same ones
     * without recording their values (which may be private): {@code sha256:} and the first 16 hex
     * digits of SHA-256 over the kinds and their values as canonical JSON (keys sorted, whatever
     * order or spacing they were written in); {@code null} when there are none.
     */
    public String digest() {
        if (kinds.isEmpty()) {
            return null;
        }
        Map<String, Object> plain = new LinkedHashMap<>();
        kinds.forEach((kind, map) -> plain.put(kind, map.unwrap()));
        try {
            byte[] canonical = new com.fasterxml.jackson.databind.ObjectMapper()
                    .enable(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                    .writeValueAsBytes(plain);
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256").digest(canonical);
            return "sha256:" + java.util.HexFormat.of().formatHex(hash, 0, 8);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot digest the config overrides", e);
        }
    }

    /** Whether there are none. */
    public boolean isEmpty() {
        return kinds.isEmpty();
    }

    /** The kinds given, sorted. */
    public Set<String> kinds() {
        return new TreeSet<>(kinds.keySet());
    }

    /** The overrides of {@code kind}, or {@code null}. */
    ConfigMap kind(String kind) {
        return kinds.get(kind);
    }

    /**
     * Checks that every kind given is one a component reads: one of {@link #KNOWN_KINDS}, or a
     * project's own kind, named by a file or top-level folder of the config ({@code features.yml}
     * gives {@code features}) among {@code files} (paths relative to their environment
     * directory). A name that only extends a Sluice kind ({@code catalog_eu.yml}) is not a kind
     * of its own: its files belong to {@code catalog}. A misspelt kind would silently override
     * nothing, so it is an error.
     */
    void checkKinds(List<Path> files) {
        Set<String> known = new TreeSet<>(KNOWN_KINDS);
        for (Path f : files) {
            String name = f.getName(0).toString();
            int dot = name.lastIndexOf('.');
            String kind = f.getNameCount() == 1 && dot > 0 ? name.substring(0, dot) : name;
            if (KNOWN_KINDS.stream().noneMatch(kind::startsWith) && !kind.startsWith(ProjectConfig.CREDENTIALS)) {
                known.add(kind);
            }
        }
        for (String kind : kinds()) {
            if (!known.contains(kind)) {
                String guess = Suggestions.didYouMean(kind, known).strip();
                throw new ConfigException(kinds.get(kind).location(), "unknown config kind \"" + kind + "\"",
                        (guess.isEmpty() ? "" : guess + " ") + "Known kinds: " + String.join(", ", known) + ".");
            }
        }
    }

    private static ConfigValue read(JsonParser parser, String origin) throws IOException {
        Location location = at(parser.currentTokenLocation(), origin);
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                Map<String, ConfigValue> entries = new LinkedHashMap<>();
                Map<String, Location> keys = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    Location keyAt = at(parser.currentTokenLocation(), origin);
                    if (entries.containsKey(key)) {
                        throw new ConfigException(keyAt, "duplicate key \"" + key + "\": also at " + keys.get(key),
                                "Give each key once.");
                    }
                    parser.nextToken();
                    entries.put(key, read(parser, origin));
                    keys.put(key, keyAt);
                }
                return new ConfigMap(location, entries, keys);
            }
            case START_ARRAY -> {
                List<ConfigValue> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(read(parser, origin));
                }
                return new ConfigList(location, items);
            }
            case VALUE_STRING -> {
                return new ConfigScalar(location, parser.getText());
            }
            case VALUE_NUMBER_INT -> {
                return new ConfigScalar(location, switch (parser.getNumberType()) {
                    case INT -> parser.getIntValue();
                    case LONG -> parser.getLongValue();
                    default -> parser.getBigIntegerValue();
                });
            }
            case VALUE_NUMBER_FLOAT -> {
                return new ConfigScalar(location, parser.getDoubleValue());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return new ConfigScalar(location, parser.getBooleanValue());
            }
            case VALUE_NULL -> {
                return new ConfigScalar(location, null);
            }
            default -> throw new ConfigException(location, "unexpected JSON token " + token, "");
        }
    }

    private static Location at(JsonLocation l, String origin) {
        return l == null ? Location.of(origin) : new Location(origin, l.getLineNr(), l.getColumnNr());
    }
}
