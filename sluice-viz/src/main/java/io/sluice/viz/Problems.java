package io.sluice.viz;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.group.GroupCheck;
import io.sluice.group.GroupProblem;
import java.util.List;

/**
 * A grouping's check as {@link GroupCheck#toJson()} writes it, each problem with what it is about
 * ({@code nodes}, {@code datasets}, {@code groups}) so that the page can mark it on the graph.
 */
final class Problems {
    private Problems() {
    }

    static ObjectNode toJson(GroupCheck check) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("ok", check.ok());
        ArrayNode list = o.putArray("problems");
        for (GroupProblem p : check.problems()) {
            ObjectNode po = list.addObject().put("kind", p.kind()).put("message", p.message());
            if (p instanceof GroupProblem.Cycle c) {
                add(po, "groups", c.groups());
                add(po, "datasets", c.datasets());
            } else if (p instanceof GroupProblem.SeveralGroups s) {
                add(po, "nodes", List.of(s.node()));
                add(po, "groups", s.groups());
            } else if (p instanceof GroupProblem.NoGroup n) {
                add(po, "nodes", List.of(n.node()));
            } else if (p instanceof GroupProblem.MemoryCrossing m) {
                add(po, "datasets", List.of(m.dataset()));
            }
        }
        return o;
    }

    private static void add(ObjectNode o, String field, List<String> values) {
        values.forEach(o.withArrayProperty(field)::add);
    }
}
