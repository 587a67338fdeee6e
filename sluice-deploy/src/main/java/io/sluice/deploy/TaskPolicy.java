package io.sluice.deploy;

import io.sluice.pipeline.doc.NodeDoc;
import io.sluice.runner.RunPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What an orchestrator does when a group's task fails or runs long, derived from the runner
 * entry's {@link RunPolicy} over the group's nodes, then overridden by {@code deploy.yml}.
 *
 * <p>The runner already retries and times out each node inside the task; the orchestrator's
 * retry covers what the process cannot (a lost machine, an out-of-memory kill): the group is
 * retried as many times as its most retried node ({@code max_attempts - 1}), with that rule's
 * backoff. A deadline is set only when every node of the group has a timeout: the sum over its
 * nodes of attempts times timeout plus the waits between attempts. Otherwise some node may run
 * unbounded and no deadline is derived.
 *
 * @param retries    orchestrator retries of the task (0: none)
 * @param backoff    the first wait before a retry
 * @param maxBackoff the longest wait
 * @param factor     the growth of the wait per retry
 * @param deadline   the limit of one attempt of the task, if any
 */
public record TaskPolicy(int retries, Duration backoff, Duration maxBackoff, double factor,
                         Optional<Duration> deadline) {

    /** Derives the policy of a group of {@code nodes} (see the class comment), then applies {@code settings}. */
    static TaskPolicy of(List<NodeDoc> nodes, RunPolicy policy, TaskSettings settings) {
        int retries = 0;
        Duration backoff = Duration.ofSeconds(10);
        Duration maxBackoff = Duration.ofMinutes(5);
        double factor = 2;
        Duration deadline = Duration.ZERO;
        boolean bounded = !nodes.isEmpty();
        for (NodeDoc n : nodes) {
            RunPolicy.Retry r = first(policy.retry(), n);
            int attempts = 1;
            Duration wait = Duration.ZERO;
            if (r != null) {
                attempts = r.maxAttempts().orElse(3);
                wait = r.maxBackoff().orElse(Duration.ofSeconds(30));
                if (attempts - 1 > retries) {
                    retries = attempts - 1;
                    backoff = r.initialBackoff().orElse(Duration.ofMillis(100));
                    maxBackoff = wait;
                    factor = r.multiplier().orElse(2.0);
                }
            }
            RunPolicy.Timeout t = first(policy.timeout(), n);
            if (t == null) {
                bounded = false;
            } else {
                deadline = deadline.plus(t.after().multipliedBy(attempts)).plus(wait.multipliedBy(attempts - 1));
            }
        }
        if (settings.retries().isPresent()) {
            retries = settings.retries().get();
        }
        Optional<Duration> limit = settings.timeout();
        if (limit.isEmpty() && bounded) {
            limit = Optional.of(deadline);
        }
        return new TaskPolicy(retries, backoff, maxBackoff, factor, limit);
    }

    /** The first rule selecting {@code n} (by name, tag, or namespace or a parent of it; an empty rule selects all). */
    private static <R extends Record> R first(List<R> rules, NodeDoc n) {
        for (R rule : rules) {
            List<String> names;
            List<String> tags;
            List<String> namespaces;
            if (rule instanceof RunPolicy.Retry r) {
                names = r.nodes();
                tags = r.tags();
                namespaces = r.namespaces();
            } else {
                RunPolicy.Timeout t = (RunPolicy.Timeout) rule;
                names = t.nodes();
                tags = t.tags();
                namespaces = t.namespaces();
            }
            if (selects(names, tags, namespaces, n)) {
                return rule;
            }
        }
        return null;
    }

    private static boolean selects(List<String> names, List<String> tags, List<String> namespaces, NodeDoc n) {
        if (names.isEmpty() && tags.isEmpty() && namespaces.isEmpty()) {
            return true;
        }
        if (names.contains(n.name()) || tags.stream().anyMatch(n.tags()::contains)) {
            return true;
        }
        String ns = n.namespace();
        return ns != null && namespaces.stream().anyMatch(w -> ns.equals(w) || ns.startsWith(w + "."));
    }
}
