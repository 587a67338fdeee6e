package io.sluice.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.sluice.cli.args.CommandDef;
import io.sluice.cli.args.OptionDef;
import io.sluice.cli.args.ParsedArgs;
import io.sluice.io.Credentials;
import io.sluice.io.DataCatalog;
import io.sluice.io.DatasetResolution;
import io.sluice.pipeline.Pipeline;
import io.sluice.project.Project;
import io.sluice.session.Session;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** {@code sluice catalog list|resolve}: what the catalog declares and how datasets resolve. */
final class CatalogCommand {

    private CatalogCommand() {
    }

    static CommandDef definition() {
        return CommandDef.of("catalog",
                        "Inspect the data catalog: declared entries, dataset factory patterns, resolution.")
                .withSubcommands("list", "resolve");
    }

    /** Output formats of {@code catalog resolve}. */
    enum Format { text, json, yaml }

    /** Input names that are not catalog datasets. */
    static boolean isDataset(String name) {
        return !name.startsWith("params:") && !name.equals("parameters") && !name.startsWith("engine:")
                && !name.startsWith("run:");
    }

    static String kindLabel(DatasetResolution r) {
        return switch (r.kind().name()) {
            case "ENTRY" -> "entry";
            case "PATTERN" -> "pattern " + r.pattern();
            default -> "default";
        };
    }

    /** {@code sluice catalog list}. */
    static final class ListEntries implements Command {
        private final SluiceMain root;
        final String env;

        ListEntries(SluiceMain root, ParsedArgs args) {
            this.root = root;
            env = EnvOption.value(args);
        }

        static CommandDef definition() {
            return CommandDef.of("list", "List the datasets declared in catalog.yml with their type and where they "
                            + "are declared, then the dataset factory patterns, most specific first.")
                    .withOptions(List.of(EnvOption.definition()));
        }

        @Override
        public int call() {
            PrintWriter out = root.out;
            try (Session session = root.openSession(env, Map.of())) {
                DataCatalog catalog = session.catalog();
                List<String[]> rows = new ArrayList<>();
                for (String name : catalog.entryNames()) {
                    DatasetResolution r = catalog.resolve(name);
                    rows.add(new String[] {name, r.type(), String.valueOf(r.location())});
                }
                out.println("Datasets:");
                Table.print(out, rows);
                out.println("Patterns:");
                List<String> patterns = catalog.patterns();
                if (patterns.isEmpty()) {
                    out.println("  (none)");
                }
                for (String pattern : patterns) {
                    out.println("  " + pattern);
                }
            }
            out.flush();
            return 0;
        }
    }

    /** {@code sluice catalog resolve}. */
    static final class Resolve implements Command {
        private final SluiceMain root;
        final String env;
        final String pipeline;
        final Format format;

        Resolve(SluiceMain root, ParsedArgs args) {
            this.root = root;
            env = EnvOption.value(args);
            pipeline = args.value("--pipeline", Project.DEFAULT_PIPELINE);
            format = Format.valueOf(args.value("--format", Format.text.name()));
        }

        static CommandDef definition() {
            List<String> formats = new ArrayList<>();
            for (Format f : Format.values()) {
                formats.add(f.name());
            }
            return CommandDef.of("resolve", "Show how every dataset of a pipeline resolves: a catalog entry, a "
                            + "dataset factory pattern (placeholders filled in) or the default (a memory dataset), "
                            + "with the resolved configuration (credentials masked).")
                    .withOptions(List.of(EnvOption.definition(),
                            OptionDef.value("-p, --pipeline", "NAME", "The registered pipeline whose datasets to "
                                    + "resolve (default: " + Project.DEFAULT_PIPELINE + ")."),
                            OptionDef.value("--format", "FORMAT", "Output format: " + String.join(", ", formats)
                                    + " (default: " + Format.text.name() + ").").oneOf(formats)));
        }

        @Override
        public int call() {
            PrintWriter out = root.out;
            try (Session session = root.openSession(env, Map.of())) {
                Pipeline p = session.pipeline(pipeline);
                DataCatalog catalog = session.catalog();
                Map<String, DatasetResolution> resolved = new LinkedHashMap<>();
                for (String name : new TreeSet<>(p.datasets())) {
                    if (isDataset(name)) {
                        resolved.put(name, catalog.resolve(name));
                    }
                }
                switch (format) {
                    case text -> printText(out, resolved);
                    case json -> out.println(write(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT),
                            asTree(resolved)));
                    case yaml -> out.print(write(new ObjectMapper(new YAMLFactory()
                            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)), asTree(resolved)));
                }
            }
            out.flush();
            return 0;
        }

        private static void printText(PrintWriter out, Map<String, DatasetResolution> resolved) {
            List<String[]> rows = new ArrayList<>();
            for (DatasetResolution r : resolved.values()) {
                rows.add(new String[] {r.name(), kindLabel(r), r.type(), configText(masked(r.config()))});
            }
            Table.print(out, rows);
        }

        private static Map<String, Object> asTree(Map<String, DatasetResolution> resolved) {
            Map<String, Object> tree = new LinkedHashMap<>();
            resolved.forEach((name, r) -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("resolved_by", r.kind().name().toLowerCase(java.util.Locale.ROOT));
                if (r.pattern() != null) {
                    m.put("pattern", r.pattern());
                }
                m.put("type", r.type());
                m.put("config", masked(r.config()));
                if (r.location() != null) {
                    m.put("declared_at", r.location().toString());
                }
                tree.put(name, m);
            });
            return tree;
        }

        private static String write(ObjectMapper mapper, Object value) {
            try {
                return mapper.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * {@code config} with passwords written into URLs masked ({@code url:
     * jdbc:postgresql://db/x?password=****}); credentials themselves are masked by the catalog.
     */
    @SuppressWarnings("unchecked")
    static <T> T masked(T config) {
        if (config instanceof String text) {
            return (T) Credentials.maskUrlSecrets(text);
        }
        if (config instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k, masked(v)));
            return (T) out;
        }
        if (config instanceof List<?> list) {
            return (T) list.stream().map(CatalogCommand::masked).toList();
        }
        return config;
    }

    /** {@code key=value} pairs of a config map, {@code type} left out (it has its own column). */
    static String configText(Map<String, Object> config) {
        if (config == null || config.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        config.forEach((k, v) -> {
            if (!"type".equals(k)) {
                parts.add(k + "=" + v);
            }
        });
        return String.join(" ", parts);
    }
}
