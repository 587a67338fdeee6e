package io.sluice.group;

import java.util.List;

/** One reason a {@link Grouping} cannot be deployed, with the fix in {@link #message()}. */
public sealed interface GroupProblem {

    /** A short machine-readable kind: {@code cycle}, {@code several-groups}, {@code no-group}, ... */
    String kind();

    /** The problem and its fix, as one or two sentences. */
    String message();

    /**
     * Groups that depend on each other in a loop, so no order can run them.
     *
     * @param groups the loop, first group repeated at the end
     * @param datasets the dataset of each step of the loop ({@code groups.size() - 1} of them)
     */
    record Cycle(List<String> groups, List<String> datasets) implements GroupProblem {
        public Cycle {
            groups = List.copyOf(groups);
            datasets = List.copyOf(datasets);
        }

        @Override
        public String kind() {
            return "cycle";
        }

        @Override
        public String message() {
            StringBuilder loop = new StringBuilder(groups.get(0));
            for (int i = 0; i < datasets.size(); i++) {
                loop.append(" -[").append(datasets.get(i)).append("]-> ").append(groups.get(i + 1));
            }
            return "Groups " + String.join(", ", groups.subList(0, groups.size() - 1)) + " depend on each other in "
                    + "a cycle: " + loop + ". Fix: put the nodes of the cycle into one group, or move nodes so that "
                    + "data flows one way between these groups.";
        }
    }

    /**
     * A node listed in several groups: it would run once per group.
     *
     * @param node   the node
     * @param groups the groups it is in
     */
    record SeveralGroups(String node, List<String> groups) implements GroupProblem {
        public SeveralGroups {
            groups = List.copyOf(groups);
        }

        @Override
        public String kind() {
            return "several-groups";
        }

        @Override
        public String message() {
            return "Node '" + node + "' is in " + groups.size() + " groups: " + String.join(", ", groups)
                    + ". Fix: keep it in exactly one of them.";
        }
    }

    /**
     * A node in no group: it would never run.
     *
     * @param node the node
     */
    record NoGroup(String node) implements GroupProblem {
        @Override
        public String kind() {
            return "no-group";
        }

        @Override
        public String message() {
            return "Node '" + node + "' is in no group. Fix: add it to a group, or name a group for the rest "
                    + "('rest:' in deploy.yml, --rest for tags).";
        }
    }

    /**
     * A memory dataset produced in one group and read in another: separate processes do not
     * share memory.
     *
     * @param dataset the dataset
     * @param from    the producing group
     * @param to      the consuming groups
     */
    record MemoryCrossing(String dataset, String from, List<String> to) implements GroupProblem {
        public MemoryCrossing {
            to = List.copyOf(to);
        }

        @Override
        public String kind() {
            return "memory-crossing";
        }

        @Override
        public String message() {
            return "Memory dataset '" + dataset + "' crosses from group " + from + " to " + String.join(", ", to)
                    + ": separate processes do not share memory. Fix: declare '" + dataset + "' in the catalog "
                    + "(conf/<env>/catalog.yml), or add a persisted '{default}' dataset factory in the deployment "
                    + "env, or put its producer and consumers in one group.";
        }
    }

    /**
     * A problem a project's {@link GroupRule} found.
     *
     * @param source  the rule's name (a hook's class)
     * @param problem the rule's sentence
     */
    record Rule(String source, String problem) implements GroupProblem {
        @Override
        public String kind() {
            return "rule";
        }

        @Override
        public String message() {
            return source + ": " + problem;
        }
    }
}
