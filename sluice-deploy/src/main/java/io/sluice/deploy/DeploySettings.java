package io.sluice.deploy;

import io.sluice.Suggestions;
import io.sluice.config.ConfigBinder;
import io.sluice.config.ConfigException;
import io.sluice.config.ConfigMap;
import io.sluice.config.ConfigValue;
import io.sluice.config.Location;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Per-group task settings: {@code tasks:} in {@code conf/<env>/deploy.yml}, keyed by group id,
 * {@code default} applying to every group (a group's own keys win). It works with every grouping
 * strategy, not only {@code --group-by deploy}:
 *
 * <pre>{@code
 * tasks:
 *   default: {cpu: 500m, memory: 1Gi}
 *   data_science: {cpu: "2", memory: 4Gi, node_selector: {pool: highmem}, retries: 1, timeout: 30m}
 * }</pre>
 *
 * @param defaults the {@code default} entry
 * @param byGroup  the other entries, by group id, in file order
 * @param where    where each group's key is written, for errors
 */
public record DeploySettings(TaskSettings defaults, Map<String, TaskSettings> byGroup, Map<String, Location> where) {
    /** No settings. */
    public static final DeploySettings NONE = new DeploySettings(TaskSettings.NONE, Map.of(), Map.of());
    /** The key of the entry every group inherits. */
    public static final String DEFAULT = "default";

    public DeploySettings {
        byGroup = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byGroup));
        where = Map.copyOf(where);
    }

    private record File(Map<String, Keys> tasks) {
    }

    private record Keys(Optional<String> image, Optional<String> cpu, Optional<String> memory,
                        Map<String, String> nodeSelector, Optional<Integer> retries, Optional<Duration> timeout) {
    }

    private static final ConfigBinder<File> BINDER = ConfigBinder.of(File.class, "the deploy config (deploy.yml)");

    /**
     * The {@code tasks} of a resolved {@code deploy} config section; {@link #NONE} without one.
     *
     * @throws ConfigException at the file:line of an unknown key or a wrong value
     */
    public static DeploySettings of(ConfigMap deploy) {
        ConfigValue tasks = deploy == null ? null : deploy.get("tasks");
        if (tasks == null) {
            return NONE;
        }
        ConfigMap only = new ConfigMap(deploy.location(), Map.of("tasks", tasks),
                Map.of("tasks", deploy.keyLocation("tasks")));
        File file = BINDER.bind(only, null);
        TaskSettings defaults = TaskSettings.NONE;
        Map<String, TaskSettings> byGroup = new LinkedHashMap<>();
        Map<String, Location> where = new LinkedHashMap<>();
        ConfigMap tasksMap = tasks instanceof ConfigMap m ? m : null;
        for (Map.Entry<String, Keys> e : file.tasks().entrySet()) {
            Keys k = e.getValue();
            Location at = tasksMap == null ? deploy.location() : tasksMap.keyLocation(e.getKey());
            TaskSettings s;
            try {
                s = new TaskSettings(k.image(), k.cpu(), k.memory(), k.nodeSelector(), k.retries(), k.timeout());
            } catch (IllegalArgumentException ex) {
                throw new ConfigException(at, "tasks." + e.getKey() + ": " + ex.getMessage(), null);
            }
            if (e.getKey().equals(DEFAULT)) {
                defaults = s;
            } else {
                byGroup.put(e.getKey(), s);
                where.put(e.getKey(), at);
            }
        }
        return new DeploySettings(defaults, byGroup, where);
    }

    /** The settings of group {@code id}: its entry over {@code default}. */
    public TaskSettings forGroup(String id) {
        TaskSettings own = byGroup.get(id);
        return own == null ? defaults : own.over(defaults);
    }

    /**
     * Fails when an entry names no group of {@code groupIds}, with the closest id.
     *
     * @throws ConfigException at the entry's key
     */
    void checkGroups(List<String> groupIds) {
        for (String id : byGroup.keySet()) {
            if (!groupIds.contains(id)) {
                throw new ConfigException(where.get(id), "tasks." + id + " names no group of this grouping",
                        Suggestions.didYouMean(id, groupIds).strip() + " The groups are: " + String.join(", ", groupIds) + ".");
            }
        }
    }
}
