package io.sluice.io;

import io.sluice.config.ConfigList;
import io.sluice.config.ConfigMap;
import io.sluice.config.ConfigScalar;
import io.sluice.config.ConfigValue;
import io.sluice.run.RunContext;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A catalog entry with {@code ${run:name}} placeholders, resolved for each run: a file path per
 * request ({@code filepath: data/requests/${run:request_id}.json}) or a SQL bind parameter
 * ({@code params: {customer: ${run:customer_id}}}). The values come from the run:
 * {@code run_id}, {@code pipeline}, {@code group} (in a run of one group), {@code env}, or else the
 * run's parameters (session runtime
 * params overlaid with the request's params, by dotted key).
 *
 * <p>A placeholder that is a whole value keeps the parameter's type; one embedded in text is
 * inserted as text. Placeholders are refused in a {@code sql} key: SQL values always travel as
 * bind parameters, never as text spliced into a query.
 *
 * <p>The dataset for each distinct resolution is built once and cached (at most
 * {@value #CACHE_LIMIT} of them).
 */
final class RunTemplatedDataset implements Dataset<Object> {
    static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{run:\\s*([A-Za-z0-9_.\\-]+)\\s*}");
    private static final int CACHE_LIMIT = 256;

    private final String name;
    private final ConfigMap template;
    private final Function<ConfigMap, Dataset<?>> builder;
    private final Dataset<?> sample;
    private final Map<ConfigMap, Dataset<?>> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ConfigMap, Dataset<?>> eldest) {
            return size() > CACHE_LIMIT;
        }
    };

    /**
     * @param builder builds a dataset from a resolved entry; called once here with every
     *                placeholder replaced by its name, so config errors surface when the catalog
     *                is built
     */
    RunTemplatedDataset(String name, ConfigMap template, Function<ConfigMap, Dataset<?>> builder) {
        this.name = name;
        this.template = template;
        this.builder = builder;
        ConfigValue sql = template.get("sql");
        if (sql instanceof ConfigScalar s && s.value() instanceof String text && PLACEHOLDER.matcher(text).find()) {
            throw new DatasetConfigException(template.keyLocation("sql") + ": dataset '" + name + "': ${run:...} "
                    + "cannot appear in 'sql': values must travel as bind parameters. Write :name in the SQL and "
                    + "pass the value with params: {name: ${run:name}}.");
        }
        this.sample = builder.apply((ConfigMap) substitute(template, key -> key));
    }

    /** Whether an entry holds a {@code ${run:...}} placeholder anywhere. */
    static boolean isTemplated(ConfigValue value) {
        if (value instanceof ConfigScalar s) {
            return s.value() instanceof String text && PLACEHOLDER.matcher(text).find();
        }
        if (value instanceof ConfigMap m) {
            return m.entries().values().stream().anyMatch(RunTemplatedDataset::isTemplated);
        }
        return value instanceof ConfigList l && l.items().stream().anyMatch(RunTemplatedDataset::isTemplated);
    }

    /** The dataset for the calling thread's run (the fallback of the context-free methods). */
    private RunContext current() {
        return RunContext.current().orElseThrow(() -> new DatasetException("dataset '" + name
                + "' has ${run:...} placeholders and can only be used within a run."));
    }

    /** The dataset for {@code run}. */
    private Dataset<?> resolved(RunContext run) {
        ConfigMap resolved = (ConfigMap) substitute(template, key -> valueOf(run, key));
        synchronized (cache) {
            Dataset<?> ds = cache.get(resolved);
            if (ds == null) {
                ds = builder.apply(resolved);
                cache.put(resolved, ds);
            }
            return ds;
        }
    }

    private Object valueOf(RunContext run, String key) {
        switch (key) {
            case "run_id":
                return run.runId();
            case "pipeline":
                return run.pipelineName();
            case "env":
                return run.env();
            case "group":
                if (run.group() != null) {
                    return run.group();
                }
                if (run.runtimeParams().containsKey(key)) {
                    return run.runtimeParams().get(key);
                }
                throw new DatasetException("dataset '" + name + "': ${run:group} has no value in run " + run.runId()
                        + ", which runs no single group. Run one group (sluice run --group G, RunSpec.group), or "
                        + "keep ${run:group} out of the datasets of whole runs.");
            default:
                if (run.runtimeParams().containsKey(key)) {
                    return run.runtimeParams().get(key);
                }
                throw new DatasetException("dataset '" + name + "': ${run:" + key + "} has no value in run "
                        + run.runId() + ". Pass it as a run parameter (RunSpec.builder(...).param(\"" + key
                        + "\", value), or --params " + key + "=...).");
        }
    }

    private static ConfigValue substitute(ConfigValue value, Function<String, Object> values) {
        if (value instanceof ConfigMap m) {
            Map<String, ConfigValue> out = new LinkedHashMap<>();
            m.entries().forEach((k, v) -> out.put(k, substitute(v, values)));
            return new ConfigMap(m.location(), out, m.keyLocations());
        }
        if (value instanceof ConfigList l) {
            List<ConfigValue> out = new ArrayList<>();
            l.items().forEach(v -> out.add(substitute(v, values)));
            return new ConfigList(l.location(), out);
        }
        ConfigScalar s = (ConfigScalar) value;
        if (!(s.value() instanceof String text)) {
            return s;
        }
        Matcher whole = PLACEHOLDER.matcher(text);
        if (whole.matches()) {
            return new ConfigScalar(s.location(), values.apply(whole.group(1)));
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(String.valueOf(values.apply(m.group(1)))));
        }
        m.appendTail(sb);
        return new ConfigScalar(s.location(), sb.toString());
    }

    @Override
    public Object load() {
        RunContext run = current();
        return resolved(run).load(run, Object.class);
    }

    @Override
    public Object load(Type target) {
        return load(current(), target);
    }

    @Override
    public Object load(RunContext run, Type target) {
        return resolved(run).load(run, target);
    }

    @Override
    public void save(Object data) {
        save(current(), data);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void save(RunContext run, Object data) {
        ((Dataset<Object>) resolved(run)).save(run, data);
    }

    @Override
    public boolean exists() {
        return exists(current());
    }

    @Override
    public boolean exists(RunContext run) {
        return resolved(run).exists(run);
    }

    @Override
    public Optional<DataLocation> sharedLocation(RunContext run) {
        return resolved(run).sharedLocation(run);
    }

    @Override
    public Optional<String> incompatibility(Type target) {
        return sample.incompatibility(target);
    }

    @Override
    public boolean isVersioned() {
        return sample.isVersioned();
    }

    @Override
    public ArtifactKind artifactKind() {
        return sample.artifactKind();
    }

    @Override
    public boolean isPersistent() {
        return sample.isPersistent();
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>(sample.describe());
        out.put("templated", true);
        return out;
    }

    @Override
    public String toString() {
        return "RunTemplatedDataset[" + name + "]";
    }
}
