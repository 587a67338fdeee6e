package io.sluice.session;

import io.sluice.SluiceException;
import io.sluice.engine.EngineCatalog;
import io.sluice.pipeline.Pipeline;
import io.sluice.project.Project;
import io.sluice.runner.RunnerCatalog;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A session's registered pipelines: those the project built ({@link Project#pipelines()}), checked
 * at compile as before, and those it registered as factories ({@link Project#pipelineFactories()}),
 * each built, and checked, the first time it is asked for. Building one never builds another,
 * except {@value Project#DEFAULT_PIPELINE} when the project does not register it: it is the union
 * of all, so it builds all.
 *
 * <p>The checks of a lazily built pipeline happen when it is built, with the messages compile
 * gives: engine bindings of its nodes; and, once every registered pipeline is built
 * ({@link #all()}, {@value Project#DEFAULT_PIPELINE}), the runner rules that name no node of any
 * pipeline. A pipeline that fails to build (a missing class, a factory throwing) fails each time
 * it is asked for, with the same message; the others are unaffected.
 */
final class PipelineRegistry {
    private final String projectName;
    private final EngineCatalog engines;
    /** Built pipelines, {@code __default__} included once built. */
    private final Map<String, Pipeline> built = new ConcurrentHashMap<>();
    private final Map<String, Supplier<Pipeline>> factories;
    private final Map<String, SluiceException> failed = new ConcurrentHashMap<>();
    private final Set<String> names;
    private RunnerCatalog runners;
    private boolean selectorsChecked;

    private PipelineRegistry(String projectName, EngineCatalog engines, Map<String, Pipeline> eager,
                             Map<String, Supplier<Pipeline>> factories) {
        this.projectName = projectName;
        this.engines = engines;
        this.factories = factories;
        built.putAll(eager);
        Set<String> all = new TreeSet<>(eager.keySet());
        all.addAll(factories.keySet());
        all.add(Project.DEFAULT_PIPELINE);
        this.names = Collections.unmodifiableSet(all);
    }

    /**
     * The registry of {@code project}: its built pipelines checked against {@code engines} now;
     * {@value Project#DEFAULT_PIPELINE} built now when every pipeline is built already.
     */
    static PipelineRegistry of(Project project, EngineCatalog engines) {
        Map<String, Pipeline> registered = project.pipelines();
        if (registered == null) {
            throw new SluiceException("Project " + project.getClass().getName() + " returned no pipelines: "
                    + "pipelines() must return a map (it may be empty).");
        }
        Map<String, Supplier<Pipeline>> factories = project.pipelineFactories();
        if (factories == null) {
            throw new SluiceException("Project " + project.getClass().getName() + " returned no pipeline "
                    + "factories: pipelineFactories() must return a map (it may be empty).");
        }
        Set<String> both = new TreeSet<>(registered.keySet());
        both.retainAll(factories.keySet());
        if (!both.isEmpty()) {
            throw new SluiceException("Project " + project.getClass().getName() + " registers " + both
                    + " both in pipelines() and in pipelineFactories(). Register each name once.");
        }
        EngineBindings.check(registered, engines); // an unknown engine or a wrong type fails the compile
        PipelineRegistry registry = new PipelineRegistry(project.name(), engines, registered, Map.copyOf(factories));
        if (factories.isEmpty() && !registered.containsKey(Project.DEFAULT_PIPELINE)) {
            registry.built.put(Project.DEFAULT_PIPELINE, Pipeline.of(new ArrayList<>(registered.values())));
        }
        return registry;
    }

    /**
     * Checks the rules of {@code runnerCatalog} against the pipelines now when every one is built,
     * else when the last is (a rule naming no node would select nothing, silently).
     */
    void checkSelectors(RunnerCatalog runnerCatalog) {
        this.runners = runnerCatalog;
        if (factories.isEmpty()) {
            checkSelectorsOnce();
        }
    }

    /** Every registered name, {@value Project#DEFAULT_PIPELINE} included, sorted. Builds nothing. */
    Set<String> names() {
        return names;
    }

    /**
     * The pipeline {@code name}, built and checked on first demand.
     *
     * @throws SluiceException for a name not registered (listing those that are), or a pipeline
     *                         that cannot be built (naming a missing class)
     */
    Pipeline get(String name) {
        Pipeline p = built.get(name);
        if (p != null) {
            return p;
        }
        if (!names.contains(name)) {
            throw new SluiceException("Pipeline '" + name + "' is not registered by project " + projectName
                    + ". Registered pipelines: " + String.join(", ", names) + ".");
        }
        return build(name);
    }

    /** Every pipeline by name, sorted, each built (and the runner rules checked once all are). */
    Map<String, Pipeline> all() {
        Map<String, Pipeline> out = new TreeMap<>();
        for (String name : names) {
            out.put(name, get(name));
        }
        checkSelectorsOnce();
        return Collections.unmodifiableMap(out);
    }

    /** The pipelines built so far, sorted by name; builds none. */
    Map<String, Pipeline> builtSoFar() {
        return Collections.unmodifiableMap(new TreeMap<>(built));
    }

    private synchronized Pipeline build(String name) {
        Pipeline p = built.get(name);
        if (p != null) {
            return p;
        }
        SluiceException failure = failed.get(name);
        if (failure != null) {
            throw new SluiceException(failure.getMessage(), failure.getCause());
        }
        try {
            if (factories.containsKey(name)) {
                p = create(name, factories.get(name));
                EngineBindings.check(Map.of(name, p), engines);
            } else { // __default__, not registered: the union of all
                List<Pipeline> parts = new ArrayList<>();
                for (String n : names) {
                    if (!n.equals(Project.DEFAULT_PIPELINE)) {
                        parts.add(get(n));
                    }
                }
                p = Pipeline.of(parts);
                built.put(name, p);
                checkSelectorsOnce();
            }
        } catch (SluiceException e) {
            failed.put(name, e);
            throw e;
        }
        built.put(name, p);
        return p;
    }

    private Pipeline create(String name, Supplier<Pipeline> factory) {
        Pipeline p;
        try {
            p = factory.get();
        } catch (NoClassDefFoundError e) {
            String missing = e.getMessage() == null ? "?" : e.getMessage().replace('/', '.');
            throw new SluiceException("Pipeline '" + name + "' of project " + projectName + " cannot be built: class "
                    + missing + " is not on the class path (NoClassDefFoundError). Put the jar holding " + missing
                    + " on the class path to use this pipeline; the other pipelines do not need it.", e);
        } catch (RuntimeException | LinkageError e) {
            throw new SluiceException("Pipeline '" + name + "' of project " + projectName
                    + " cannot be built: its factory failed with " + e + ".", e);
        }
        if (p == null) {
            throw new SluiceException("Pipeline '" + name + "' of project " + projectName
                    + ": its factory returned null; return a Pipeline (Pipeline.empty() for none).");
        }
        return p;
    }

    private synchronized void checkSelectorsOnce() {
        if (selectorsChecked || runners == null || built.size() < names.size()) {
            return;
        }
        runners.checkSelectors(List.copyOf(built.values())); // the union adds no node of its own
        selectorsChecked = true;
    }
}
