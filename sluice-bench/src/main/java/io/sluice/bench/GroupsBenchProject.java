package io.sluice.bench;

import static io.sluice.pipeline.Node.node;

import io.sluice.pipeline.Node;
import io.sluice.pipeline.Pipeline;
import io.sluice.project.Project;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The project of {@code temporal-bench.sh}: pipeline {@code groups} of {@code sluice.bench.groups}
 * (system property, default 50) independent nodes, each saving a small persisted JSON — so each is
 * its own group of the memory-components grouping — after waiting {@code sleep_ms} (parameter,
 * default 0: trivial groups).
 */
public final class GroupsBenchProject implements Project {
    /** The system property giving the number of groups; client and workers must agree. */
    public static final String GROUPS = "sluice.bench.groups";

    public GroupsBenchProject() {
    }

    static Map<String, Object> step(long sleepMs) throws InterruptedException {
        if (sleepMs > 0) {
            Thread.sleep(sleepMs); // stands for waiting on I/O (a remote service, a query)
        }
        return Map.of("ok", true);
    }

    @Override
    public Map<String, Pipeline> pipelines() {
        int n = Integer.getInteger(GROUPS, 50);
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = String.format("g%04d", i);
            nodes.add(node(GroupsBenchProject::step).inputs("params:sleep_ms").outputs("out_" + id).name(id));
        }
        return Map.of("groups", Pipeline.of(nodes.toArray(Node[]::new)));
    }
}
