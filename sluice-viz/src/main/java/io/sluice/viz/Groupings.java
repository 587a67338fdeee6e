package io.sluice.viz;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.SluiceException;
import io.sluice.group.GroupRule;
import io.sluice.group.GroupStrategy;
import io.sluice.group.Grouper;
import io.sluice.group.Grouping;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The groupings the page draws: a strategy by name, merged when the page asks, as
 * {@code {"grouping": ..., "check": ...}} or {@code {"error": message}}. The same for a project
 * and for an exported document, which {@link Grouper#of(io.sluice.pipeline.doc.PipelineDocument)}
 * groups without the project's classes.
 */
final class Groupings {
    /** The strategies of {@code sluice groups --by}; a project with deploy.yml adds {@code deploy}. */
    static final List<String> STRATEGIES = List.of("memory-components", "persistence-cuts", "namespace", "branch",
            "node", "tag");
    /** The tag prefix of strategy {@code tag}, as {@code sluice groups --by tag} uses by default. */
    static final String TAG_PREFIX = "group:";

    private Groupings() {
    }

    /** Strategy {@code name} of {@link #STRATEGIES}, or empty. */
    static java.util.Optional<GroupStrategy> named(String name) {
        return GroupStrategy.named(name, TAG_PREFIX, null);
    }

    /**
     * {@code base} grouped by {@code grouper}, merged by {@code merge} when not null, checked with
     * {@code rules}; a strategy that cannot group the pipeline (a merge of an invalid grouping, bad
     * cost tags, a wrong deploy.yml) gives {@code {"error": message}}.
     */
    static ObjectNode json(Supplier<Grouper> grouper, Supplier<GroupStrategy> base, VizSource.Merge merge,
                           Map<String, ? extends GroupRule> rules) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        try {
            GroupStrategy strategy = merge == null ? base.get() : merge.of(base.get());
            Grouping grouping = grouper.get().group(strategy);
            out.set("grouping", grouping.toJson());
            out.set("check", Problems.toJson(Grouper.check(grouping, rules)));
        } catch (SluiceException | IllegalArgumentException e) {
            out.put("error", e.getMessage());
        }
        return out;
    }
}
