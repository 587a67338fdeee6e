package io.sluice.group;

import io.sluice.config.ConfigBinder;
import io.sluice.config.ConfigException;
import io.sluice.config.ConfigList;
import io.sluice.config.ConfigMap;
import io.sluice.config.ConfigValue;
import io.sluice.config.Location;
import io.sluice.run.RunIds;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Explicit groups, as written in {@code conf/<env>/deploy.yml}:
 *
 * <pre>{@code
 * groups:
 *   ingest:                        # the group id (a safe name: letters, digits, . _ : + -)
 *     namespaces: [data_processing] # every node in these namespaces (or nested in them)
 *   train:
 *     namespaces: [data_science]
 *     nodes: [evaluate_model]       # these nodes
 *     tags: [training]              # every node with one of these tags
 * rest: misc                        # optional: the group of every node no group selects
 * tasks: {...}                      # optional: per-group container settings, read by sluice export
 * }</pre>
 *
 * <p>Without {@code rest}, a node no group selects is a validation error ("in no group"); a node
 * two groups select is one too ("in several groups"). A name that selects nothing is an error at
 * its file:line with close matches, as is an unknown key.
 *
 * @param groups the groups in file order
 * @param rest   the group of unselected nodes, if any
 */
public record DeploySpec(List<DeployGroup> groups, Optional<String> rest) {

    public DeploySpec {
        groups = List.copyOf(groups);
    }

    /**
     * One group of deploy.yml.
     *
     * @param id        the group id
     * @param location  where its key is written
     * @param selectors what selects its nodes, in file order
     */
    public record DeployGroup(String id, Location location, List<Selector> selectors) {
        public DeployGroup {
            selectors = List.copyOf(selectors);
        }
    }

    /** What a selector names. */
    public enum Kind {
        /** A node's name. */
        NODE,
        /** A namespace: its nodes and those of nested namespaces. */
        NAMESPACE,
        /** A tag. */
        TAG
    }

    /**
     * One name under {@code nodes}, {@code namespaces} or {@code tags}.
     *
     * @param kind     what it names
     * @param name     the name
     * @param location where it is written
     */
    public record Selector(Kind kind, String name, Location location) {
    }

    /**
     * deploy.yml as bound by {@link ConfigBinder}: its keys and value types. {@code tasks} (each
     * group's container settings) belongs to {@code sluice export} (sluice-deploy), which checks it.
     */
    private record File(Map<String, GroupKeys> groups, Optional<String> rest, Optional<ConfigValue> tasks) {
    }

    private record GroupKeys(List<String> nodes, List<String> namespaces, List<String> tags) {
    }

    private static final ConfigBinder<File> BINDER = ConfigBinder.of(File.class, "the deploy config (deploy.yml)");

    /**
     * The spec in a resolved {@code deploy} config section ({@code ProjectConfig.get("deploy")}).
     *
     * @throws ConfigException at the file:line of an unknown key (with close matches), a wrong
     *                         value, a group id that is not a safe name, a group without
     *                         selectors, or no groups at all
     */
    public static DeploySpec of(ConfigValue section) {
        File file = BINDER.bind(section, null);
        ConfigMap root = (ConfigMap) section;
        if (file.groups() == null || file.groups().isEmpty()) {
            throw new ConfigException(root.location(), "the deploy config has no groups",
                    "Add them under 'groups:', e.g. groups: {train: {namespaces: [data_science]}}.");
        }
        ConfigMap groupsMap = (ConfigMap) root.get("groups");
        List<DeployGroup> groups = new ArrayList<>();
        for (Map.Entry<String, GroupKeys> e : file.groups().entrySet()) {
            String id = e.getKey();
            Location at = groupsMap.keyLocation(id);
            checkId(id, at);
            ConfigValue body = groupsMap.get(id);
            List<Selector> selectors = new ArrayList<>();
            add(selectors, Kind.NODE, e.getValue().nodes(), body, "nodes");
            add(selectors, Kind.NAMESPACE, e.getValue().namespaces(), body, "namespaces");
            add(selectors, Kind.TAG, e.getValue().tags(), body, "tags");
            if (selectors.isEmpty()) {
                throw new ConfigException(at, "group '" + id + "' selects no node",
                        "Give it nodes, namespaces or tags, e.g. " + id + ": {namespaces: [" + id + "]}.");
            }
            groups.add(new DeployGroup(id, at, selectors));
        }
        file.rest().ifPresent(r -> checkId(r, root.keyLocation("rest")));
        return new DeploySpec(groups, file.rest());
    }

    private static void checkId(String id, Location at) {
        if (!RunIds.isSafeName(id)) {
            throw new ConfigException(at, "group id '" + id + "' is not a safe name",
                    "Use 1 to 128 letters, digits and . _ : + - starting with a letter or digit (it names a "
                            + "journal file).");
        }
    }

    private static void add(List<Selector> out, Kind kind, List<String> names, ConfigValue body, String key) {
        if (names == null || names.isEmpty()) {
            return;
        }
        ConfigValue v = body instanceof ConfigMap m ? m.get(key) : null;
        for (int i = 0; i < names.size(); i++) {
            Location at = v instanceof ConfigList l && i < l.items().size() ? l.items().get(i).location()
                    : v != null ? v.location() : body.location();
            out.add(new Selector(kind, names.get(i), at));
        }
    }
}
