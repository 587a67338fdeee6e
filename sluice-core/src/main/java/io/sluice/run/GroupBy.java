package io.sluice.run;

import io.sluice.Suggestions;
import java.util.ArrayList;
import java.util.List;

/**
 * How a run of one group groups its pipeline when not as the deploy config does: a strategy and
 * the options that refine it — what {@code sluice run --group G --group-by S} and a
 * {@code temporal} runner entry's {@code grouping:} ask for, with the keys of
 * {@code deploy.yml}. It travels in the {@link RunSpec} (so the journal records it and a resume
 * regroups the same way) and every process of a run derives the same groups from it. Plain data.
 *
 * @param strategy     one of {@link #STRATEGIES}; {@code deploy} is the deploy config's own groups
 * @param tagPrefix    with {@code tag}: the tag prefix ({@code group:} when null); null otherwise
 * @param rest         with {@code tag}: the group of nodes without such a tag, or null (an error)
 * @param targetGroups then merge small neighbouring groups until at most this many are left (0: no merge)
 * @param maxCost      then merge while a merged group costs at most this (0: no merge)
 * @param costTag      in a merge, a node tagged {@code <costTag>N} costs N (null: every node costs 1)
 */
public record GroupBy(String strategy, String tagPrefix, String rest, int targetGroups, long maxCost,
                      String costTag) {

    /** The strategy names; {@code deploy} is the deploy config's {@code groups:}. */
    public static final List<String> STRATEGIES = List.of("node", "namespace", "tag", "memory-components",
            "persistence-cuts", "branch", "deploy");

    /** The tag prefix of strategy {@code tag} when none is given. */
    public static final String DEFAULT_TAG_PREFIX = "group:";

    /**
     * @throws IllegalArgumentException for an unknown strategy (with close matches), an option the
     *                                  strategy does not take, or a negative merge bound
     */
    public GroupBy {
        if (strategy == null || !STRATEGIES.contains(strategy)) {
            throw new IllegalArgumentException("unknown grouping strategy '" + strategy + "'."
                    + Suggestions.didYouMean(String.valueOf(strategy), STRATEGIES) + " Strategies: "
                    + String.join(", ", STRATEGIES) + ".");
        }
        if (!strategy.equals("tag") && (tagPrefix != null || rest != null)) {
            throw new IllegalArgumentException((tagPrefix != null ? "tag_prefix" : "rest") + " applies to strategy "
                    + "tag only (strategy deploy takes the deploy config's 'rest:'). Remove it, or group by tag.");
        }
        if (strategy.equals("tag") && tagPrefix == null) {
            tagPrefix = DEFAULT_TAG_PREFIX;
        }
        if (rest != null && !RunIds.isSafeName(rest)) {
            throw new IllegalArgumentException(RunSpec.unsafe("rest", rest));
        }
        if (targetGroups < 0 || maxCost < 0) {
            throw new IllegalArgumentException("target_groups and max_cost must be positive, got " + targetGroups
                    + " and " + maxCost + ".");
        }
        if (costTag != null && targetGroups == 0 && maxCost == 0) {
            throw new IllegalArgumentException("cost_tag weighs nodes for a merge: give target_groups or max_cost, "
                    + "or remove cost_tag.");
        }
    }

    /** Grouping by {@code strategy} alone (the tag strategy with its default prefix). */
    public static GroupBy of(String strategy) {
        return new GroupBy(strategy, null, null, 0, 0, null);
    }

    /** Whether small groups are merged after grouping. */
    public boolean merged() {
        return targetGroups > 0 || maxCost > 0;
    }

    /** The command-line options that ask for this grouping: {@code --group-by branch --target-groups 4}. */
    public String asOptions() {
        List<String> o = new ArrayList<>(List.of("--group-by", strategy));
        if (strategy.equals("tag") && !DEFAULT_TAG_PREFIX.equals(tagPrefix)) {
            o.addAll(List.of("--tag-prefix", tagPrefix));
        }
        if (rest != null) {
            o.addAll(List.of("--rest", rest));
        }
        if (targetGroups > 0) {
            o.addAll(List.of("--target-groups", Integer.toString(targetGroups)));
        }
        if (maxCost > 0) {
            o.addAll(List.of("--max-cost", Long.toString(maxCost)));
        }
        if (costTag != null) {
            o.addAll(List.of("--cost-tag", costTag));
        }
        return String.join(" ", o);
    }

    @Override
    public String toString() {
        return asOptions().substring("--group-by ".length());
    }
}
