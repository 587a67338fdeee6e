package io.sluice.group;

import static io.sluice.pipeline.Node.node;

import io.sluice.pipeline.Node;
import io.sluice.pipeline.Pipeline;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The pipeline most grouping tests use: two namespaces, a fork, a join and memory datasets.
 * <pre>
 *   raw -> data.load -[data.raw_table: memory]-> data.clean -[data.clean: persisted]-+-> data.features
 *          -[data.features: memory]-> ds.train(params:rate) -[ds.model]-+
 *                                                   data.split -[data.holdout]-+-> ds.evaluate
 *          -[ds.metrics: memory]-> report -[report]->
 * </pre>
 * Execution order: data.load, data.clean, data.features, data.split, ds.train, ds.evaluate, report.
 */
final class Shop {
    static final Set<String> PERSISTED = Set.of("data.clean", "ds.model", "data.holdout", "report");

    private Shop() {
    }

    static Object one(Object a) {
        return a;
    }

    static Object two(Object a, Object b) {
        return a;
    }

    static List<Node> nodes() {
        return List.of(
                node(Shop::one).inputs("raw").outputs("data.raw_table").name("load").namespace("data")
                        .tags("group:prep"),
                node(Shop::one).inputs("data.raw_table").outputs("data.clean").name("clean").namespace("data")
                        .tags("group:prep"),
                node(Shop::one).inputs("data.clean").outputs("data.features").name("features").namespace("data")
                        .tags("group:prep"),
                node(Shop::one).inputs("data.clean").outputs("data.holdout").name("split").namespace("data")
                        .tags("group:prep"),
                node(Shop::two).inputs("data.features", "params:rate").outputs("ds.model").name("train")
                        .namespace("ds").tags("group:model", "cost:5"),
                node(Shop::two).inputs("ds.model", "data.holdout").outputs("ds.metrics").name("evaluate")
                        .namespace("ds").tags("group:model"),
                node(Shop::one).inputs("ds.metrics").outputs("report").name("report"));
    }

    static Pipeline pipeline() {
        return Pipeline.of(nodes());
    }

    /** The same nodes declared in reverse order. */
    static Pipeline reversed() {
        List<Node> list = new ArrayList<>(nodes());
        Collections.reverse(list);
        return Pipeline.of(list);
    }

    static Predicate<String> persisted() {
        return PERSISTED::contains;
    }

    static Grouper grouper() {
        return Grouper.of("shop", pipeline(), persisted());
    }

    /** id -> members, in order, for compact assertions. */
    static List<String> summary(Grouping g) {
        return g.groups().stream().map(x -> x.id() + "=" + x.nodes()).toList();
    }

    static List<String> deps(Grouping g) {
        return g.dependencies().stream().map(d -> d.from() + "->" + d.to() + d.datasets()).toList();
    }
}
