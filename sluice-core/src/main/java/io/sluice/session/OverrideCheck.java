package io.sluice.session;

import io.sluice.SluiceException;
import io.sluice.Suggestions;
import io.sluice.config.Location;
import io.sluice.config.ProjectConfig;
import io.sluice.io.DataCatalog;
import io.sluice.io.Dataset;
import io.sluice.io.Parameters;
import io.sluice.pipeline.InputKind;
import io.sluice.pipeline.Node;
import io.sluice.pipeline.Pipeline;
import io.sluice.run.RunSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Refuses the parts of a run spec that a run would otherwise ignore without a word: a parameter
 * override that no node and no configuration reads (a misspelt path, or a parameter of another
 * pipeline), and a pinned load version for a dataset the pipeline does not read or that is not
 * versioned. Both are checked against the registered pipeline the spec names, not its node
 * selection, so that a resumed run (which keeps every override of the run it resumes) is
 * accepted.
 *
 * <p>An override path is read when it is, is inside, or contains a parameter some node reads
 * ({@code params:a.b} reads {@code a.b} and everything under it; an input named
 * {@code parameters} reads everything), or a key of a {@code ${run:...}} placeholder or a
 * {@code ${runtime_params:...}} interpolation of the configuration. The latter are resolved when
 * the session is compiled, so a run's override of one is accepted only with the value the
 * session was compiled with. A new key inside a mapping a node binds to a record is not refused
 * here: binding refuses it, naming the record's components.
 *
 * <p>Runs call it only when the spec overrides something, so runs without overrides pay nothing.
 */
final class OverrideCheck {
    /** The {@code ${run:...}} names the run itself provides, never read from its parameters. */
    private static final Set<String> RUN_BUILT_INS = Set.of("run_id", "pipeline", "env");

    private OverrideCheck() {
    }

    /**
     * @throws SluiceException naming the first override nothing reads, or every unknown
     *                         parameter path, with where parameters are read and the closest
     *                         known name
     */
    static void check(Session session, RunSpec spec, Pipeline pipeline) {
        if (!spec.params().isEmpty()) {
            params(session, spec, pipeline);
        }
        if (!spec.loadVersions().isEmpty()) {
            loadVersions(session.catalog(), spec, pipeline);
        }
    }

    private static void params(Session session, RunSpec spec, Pipeline pipeline) {
        Set<String> inputs = pipeline.allInputs();
        if (inputs.contains(InputKind.ALL_PARAMETERS_NAME)) {
            return; // a node reads the whole tree: every path is read
        }
        ProjectConfig config = session.config();
        List<String> unread = new ArrayList<>();
        for (Map.Entry<String, Object> override : spec.params().entrySet()) {
            String path = override.getKey();
            if (readByNode(path, inputs) || readBy(path, config.runParamsRead().keySet(), true) != null) {
                continue;
            }
            Map<String, Location> atLoad = config.runtimeParamsRead();
            String configKey = readBy(path, atLoad.keySet(), false);
            if (configKey == null) {
                unread.add(path);
            } else {
                compiledWith(session.options().runtimeParams(), path, override.getValue(), configKey,
                        atLoad.get(configKey));
            }
        }
        if (!unread.isEmpty()) {
            throw new SluiceException(unreadMessage(unread, spec.pipeline(), session, config.runtimeParamsRead(),
                    config.runParamsRead()));
        }
    }

    /** Whether {@code path} is, is inside, or contains a {@code params:} input of a node. */
    private static boolean readByNode(String path, Set<String> inputs) {
        for (String input : inputs) {
            if (input.startsWith(InputKind.PARAMS_PREFIX)
                    && related(path, input.substring(InputKind.PARAMS_PREFIX.length()))) {
                return true;
            }
        }
        return false;
    }

    /** The first key related to {@code path}, or {@code null}; built-in run names when {@code perRun} are none. */
    private static String readBy(String path, Collection<String> keys, boolean perRun) {
        for (String key : keys) {
            if (!(perRun && RUN_BUILT_INS.contains(key)) && related(path, key)) {
                return key;
            }
        }
        return null;
    }

    /** Whether one dotted path is the other or lies under it. */
    private static boolean related(String path, String read) {
        return path.equals(read) || under(path, read) || under(read, path);
    }

    private static boolean under(String path, String parent) {
        return path.length() > parent.length() && path.startsWith(parent) && path.charAt(parent.length()) == '.';
    }

    /**
     * A run's override of a key only the configuration reads: the config was resolved when the
     * session was compiled, so only the value it was compiled with can be meant.
     */
    private static void compiledWith(Map<String, Object> compiled, String path, Object value, String key,
                                     Location at) {
        if (compiled.containsKey(path) && Objects.equals(compiled.get(path), value)) {
            return;
        }
        throw new SluiceException("Parameter override '" + path + "' is read only by the configuration (${runtime_params:"
                + key + "} at " + at + "), which was resolved when this session was compiled "
                + (compiled.containsKey(path) ? "with " + path + "=" + compiled.get(path) : "without it")
                + ": the run cannot change it. Compile a session with that value (SessionOptions runtime params, "
                + "or sluice run --params " + path + "=...), or drop the override.");
    }

    private static String unreadMessage(List<String> unread, String pipelineName, Session session,
                                        Map<String, Location> atLoad, Map<String, Location> perRun) {
        Parameters parameters = session.parameters();
        Map<String, String> readers = paramReaders(session.pipeline(pipelineName));
        Set<String> candidates = new TreeSet<>();
        for (String read : readers.keySet()) {
            candidates.add(read);
            candidates.addAll(pathsUnder(read, parameters));
        }
        candidates.addAll(atLoad.keySet());
        perRun.keySet().stream().filter(k -> !RUN_BUILT_INS.contains(k)).forEach(candidates::add);
        StringBuilder sb = new StringBuilder();
        for (String path : unread) {
            sb.append(sb.length() == 0 ? "" : " ").append("Parameter override '").append(path)
                    .append("' is read by no node of pipeline '").append(pipelineName)
                    .append("' and by no configuration");
            List<String> others = new ArrayList<>();
            session.builtPipelines().forEach((name, other) -> { // an error message builds no pipeline
                if (!name.equals(pipelineName) && readByNode(path, other.allInputs())) {
                    others.add("'" + name + "'");
                }
            });
            if (!others.isEmpty()) {
                sb.append(" (pipeline").append(others.size() == 1 ? " " : "s ").append(String.join(", ", others))
                        .append(others.size() == 1 ? " reads" : " read").append(" it)");
            }
            sb.append('.').append(Suggestions.didYouMean(path, candidates));
        }
        List<String> where = new ArrayList<>();
        readers.forEach((read, node) -> where.add(read + " (node '" + node + "')"));
        sb.append(" Where parameters are read: pipeline '").append(pipelineName).append("' reads ")
                .append(where.isEmpty() ? "no parameter" : String.join(", ", where));
        List<String> config = new ArrayList<>();
        atLoad.forEach((k, at) -> config.add("${runtime_params:" + k + "} (" + at + ")"));
        perRun.forEach((k, at) -> {
            if (!RUN_BUILT_INS.contains(k)) {
                config.add("${run:" + k + "} (" + at + ")");
            }
        });
        sb.append("; the configuration reads ").append(config.isEmpty() ? "no runtime param"
                : String.join(", ", config)).append(". Fix the path, or drop the override.");
        return sb.toString();
    }

    /** Each {@code params:} path the pipeline reads, with the first node (in run order) reading it. */
    private static Map<String, String> paramReaders(Pipeline pipeline) {
        Map<String, String> readers = new LinkedHashMap<>();
        for (Node node : pipeline.nodes()) {
            for (String input : node.inputs()) {
                if (input.startsWith(InputKind.PARAMS_PREFIX)) {
                    readers.putIfAbsent(input.substring(InputKind.PARAMS_PREFIX.length()), node.name());
                }
            }
        }
        return readers;
    }

    /** The dotted paths below {@code read} in the parameters, for suggestions. */
    private static List<String> pathsUnder(String read, Parameters parameters) {
        List<String> out = new ArrayList<>();
        if (exists(parameters, read)) {
            collect(read, parameters.raw(Parameters.PREFIX + read), out);
        }
        return out;
    }

    private static void collect(String prefix, Object value, List<String> out) {
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String path = prefix + "." + e.getKey();
                out.add(path);
                collect(path, e.getValue(), out);
            }
        }
    }

    private static boolean exists(Parameters parameters, String path) {
        Object current = parameters.asMap();
        for (String segment : path.split("\\.", -1)) {
            if (!(current instanceof Map<?, ?> map) || !map.containsKey(segment)) {
                return false;
            }
            current = map.get(segment);
        }
        return true;
    }

    private static void loadVersions(DataCatalog catalog, RunSpec spec, Pipeline pipeline) {
        for (String dataset : spec.loadVersions().keySet()) {
            if (pipeline.consumersOf(dataset).isEmpty()) {
                boolean written = pipeline.producerOf(dataset) != null;
                List<String> versioned = versionedInputs(catalog, pipeline);
                List<String> datasets = pipeline.datasets().stream()
                        .filter(n -> InputKind.of(n) == InputKind.DATASET).toList();
                throw new SluiceException("Load version for dataset '" + dataset + "': pipeline '" + spec.pipeline()
                        + "' " + (written ? "only writes it, and a pinned version applies to loads"
                        : "has no such dataset") + "." + matches(dataset, written ? versioned : datasets)
                        + " Versioned datasets it reads: " + (versioned.isEmpty() ? "none" : String.join(", ", versioned))
                        + ".");
            }
            Dataset<?> ds = catalog.dataset(dataset);
            if (!ds.isVersioned()) {
                List<String> versioned = versionedInputs(catalog, pipeline);
                Location at = catalog.resolve(dataset).location();
                throw new SluiceException("Load version for dataset '" + dataset + "': it is not versioned ("
                        + catalog.resolve(dataset).type() + (at == null ? "" : ", " + at) + "), so it has only one "
                        + "version to load. Pin versioned datasets only, or add 'versioned: true' to its catalog "
                        + "entry." + matches(dataset, versioned) + " Versioned datasets pipeline '" + spec.pipeline()
                        + "' reads: " + (versioned.isEmpty() ? "none" : String.join(", ", versioned)) + ".");
            }
        }
    }

    private static String matches(String wanted, List<String> candidates) {
        List<String> close = new ArrayList<>(Suggestions.closeMatches(wanted, candidates));
        if (close.isEmpty()) {
            Suggestions.closest(wanted, candidates).ifPresent(close::add); // short names: "p3" for "p2"
        }
        close.remove(wanted);
        return close.isEmpty() ? "" : " Did you mean " + String.join(" or ", close.stream().map(c -> "'" + c + "'")
                .toList()) + "?";
    }

    /** The versioned datasets the pipeline reads, sorted; ones the catalog cannot build are left out. */
    private static List<String> versionedInputs(DataCatalog catalog, Pipeline pipeline) {
        Set<String> out = new LinkedHashSet<>();
        for (String name : pipeline.allInputs()) {
            if (InputKind.of(name) == InputKind.DATASET) {
                try {
                    if (catalog.dataset(name).isVersioned()) {
                        out.add(name);
                    }
                } catch (RuntimeException e) {
                    // the run reports a dataset the catalog cannot build; a message must not fail for it
                }
            }
        }
        return new ArrayList<>(new TreeSet<>(out));
    }
}
