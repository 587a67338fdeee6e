package io.sluice.runner;

import io.sluice.config.RecordValues;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * One named runner of a {@link RunnerCatalog}: a {@code runners.yml} entry or a built-in one,
 * with its runner (created once, shared by the runs of the session) and its {@link RunPolicy}.
 * Immutable.
 */
public final class RunnerEntry {
    /** Where built-in entries are "declared". */
    public static final String BUILT_IN = "built in";

    private final String name;
    private final String type;
    private final String declaredAt;
    private final Runner runner;
    private final RunPolicy policy;
    private final Record args;
    private final IntFunction<Runner> withMaxWorkers;

    RunnerEntry(String name, String type, String declaredAt, Runner runner, RunPolicy policy, Record args,
                IntFunction<Runner> withMaxWorkers) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
        this.declaredAt = Objects.requireNonNull(declaredAt, "declaredAt");
        this.runner = Objects.requireNonNull(runner, "runner");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.args = args;
        this.withMaxWorkers = withMaxWorkers;
    }

    /** The entry's name, as {@code --runner} and the journal give it. */
    public String name() {
        return name;
    }

    /** Its {@code type:} as written ({@code parallel}, {@code com.acme.MyRunner}). */
    public String type() {
        return type;
    }

    /** {@code conf/base/runners.yml:3:1}, or {@value #BUILT_IN}. */
    public String declaredAt() {
        return declaredAt;
    }

    /** The runner, shared by every run of the session that names this entry. */
    public Runner runner() {
        return runner;
    }

    /** Its retries and timeouts ({@link RunPolicy#NONE} when it has none). */
    public RunPolicy policy() {
        return policy;
    }

    /** The bound arguments, or null for a runner class that takes none. */
    public Record args() {
        return args;
    }

    /**
     * This entry with a new runner for a run that asks for {@code maxWorkers} threads
     * ({@code --max-workers}), its policy kept; this entry itself for types without a thread
     * count. The caller owns (and closes) the new runner.
     */
    public RunnerEntry withMaxWorkers(int maxWorkers) {
        return withMaxWorkers == null ? this : new RunnerEntry(name, type, declaredAt,
                withMaxWorkers.apply(maxWorkers), policy, args, withMaxWorkers);
    }

    /**
     * An entry for a runner class named on the command line ({@code --runner com.acme.MyRunner})
     * rather than in runners.yml: no arguments, no policy.
     */
    public static RunnerEntry ofClass(String className, Runner runner) {
        return new RunnerEntry(className, className, "--runner", runner, RunPolicy.NONE, null, null);
    }

    /** name, type, declared_at, config (the bound arguments) and the policy, for JSON. */
    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("type", type);
        out.put("declared_at", declaredAt);
        out.put("config", args == null ? Map.of() : RecordValues.of(args));
        out.putAll(policy.describe());
        return out;
    }

    @Override
    public String toString() {
        return "runner '" + name + "' (" + type + ", " + declaredAt + ")";
    }
}
