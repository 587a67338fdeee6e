package io.sluice.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The runtime params a project's configuration reads, recorded by the {@link Interpolator}s of
 * one load: the keys of {@code ${runtime_params:...}} interpolations (resolved while loading) and
 * of {@code ${run:...}} placeholders (kept for the catalog to resolve in each run), each with
 * where it is first written. A run can then tell a parameter override that the config consumes
 * from one that nothing reads. Kinds loaded later ({@link ProjectConfig#get}) add theirs, hence
 * the lock.
 */
final class ParamReads {
    private final Map<String, Location> atLoad = new LinkedHashMap<>();
    private final Map<String, Location> perRun = new LinkedHashMap<>();

    synchronized void atLoad(String key, Location at) {
        atLoad.putIfAbsent(key, at);
    }

    synchronized void perRun(String key, Location at) {
        perRun.putIfAbsent(key, at);
    }

    synchronized Map<String, Location> atLoad() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(atLoad));
    }

    synchronized Map<String, Location> perRun() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(perRun));
    }
}
