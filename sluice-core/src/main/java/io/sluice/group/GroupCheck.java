package io.sluice.group;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The result of validating a {@link Grouping}: every problem found, in a deterministic order
 * (nodes in no group, nodes in several, cycles, memory crossings, then the project's rules).
 *
 * @param problems every problem; empty when the grouping can be deployed
 */
public record GroupCheck(List<GroupProblem> problems) {
    public GroupCheck {
        problems = List.copyOf(problems);
    }

    /** Whether there is no problem. */
    public boolean ok() {
        return problems.isEmpty();
    }

    /**
     * This result when it is ok.
     *
     * @throws InvalidGroupingException listing every problem with its fix
     */
    public GroupCheck orThrow() {
        if (!ok()) {
            throw new InvalidGroupingException(describe(), problems);
        }
        return this;
    }

    /**
     * This result when it is ok.
     *
     * @param subject what the grouping is for, put before the problems ("Pipeline 'p' cannot run
     *                by groups")
     * @param fix     what to do about it, put after them
     * @throws InvalidGroupingException listing every problem with its fix
     */
    public GroupCheck orThrow(String subject, String fix) {
        if (!ok()) {
            throw new InvalidGroupingException(subject + ". " + describe() + System.lineSeparator() + fix, problems);
        }
        return this;
    }

    /** "ok", or the number of problems followed by one line per problem. */
    public String describe() {
        if (ok()) {
            return "ok";
        }
        StringBuilder sb = new StringBuilder("The grouping has ").append(problems.size())
                .append(problems.size() == 1 ? " problem:" : " problems:");
        for (GroupProblem p : problems) {
            sb.append(System.lineSeparator()).append("  - ").append(p.message());
        }
        return sb.toString();
    }

    /** {@code {"ok": ..., "problems": [{"kind": ..., "message": ...}]}}. */
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("ok", ok());
        var list = o.putArray("problems");
        for (GroupProblem p : problems) {
            list.addObject().put("kind", p.kind()).put("message", p.message());
        }
        return o;
    }
}
