package io.sluice.runner;

import io.sluice.config.ConfigBinder;
import io.sluice.config.Durations;
import io.sluice.config.RecordValues;
import io.sluice.pipeline.Node;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The retries and timeouts of a runner entry: rules that select nodes by name, tag or namespace.
 * The first retry rule that selects a node gives its attempts and backoff; the first timeout rule
 * its timeout. A rule that names no node, tag or namespace selects every node.
 *
 * <pre>{@code
 * default:
 *   type: sequential
 *   retry: [{nodes: [fetch_prices], tags: [flaky], max_attempts: 3, initial_backoff: 200ms,
 *            max_backoff: 5s, jitter: 0.2}]
 *   timeout: [{tags: [slow], after: 30s}]
 * }</pre>
 *
 * <p>A timeout limits each attempt's function call (loads and saves are never interrupted); a
 * timed-out attempt is retried like any failed one when a retry rule selects the node.
 *
 * @param retry   the retry rules, in file order
 * @param timeout the timeout rules, in file order
 */
public record RunPolicy(List<Retry> retry, List<Timeout> timeout) {
    /** No retries, no timeouts. */
    public static final RunPolicy NONE = new RunPolicy(List.of(), List.of());

    public RunPolicy {
        retry = retry == null ? List.of() : List.copyOf(retry);
        timeout = timeout == null ? List.of() : List.copyOf(timeout);
    }

    /** Whether no rule is set: runs go the plain path. */
    public boolean isEmpty() {
        return retry.isEmpty() && timeout.isEmpty();
    }

    /**
     * The policy of each node, by index, or {@code null} when no rule selects any of them (then
     * nothing of the policy machinery runs). A node no rule selects has a null entry.
     */
    public NodePolicy[] resolve(Node[] nodes, String runnerName) {
        if (isEmpty()) {
            return null;
        }
        NodePolicy[] out = new NodePolicy[nodes.length];
        boolean any = false;
        for (int i = 0; i < nodes.length; i++) {
            int r = first(retry, nodes[i]);
            int t = first(timeout, nodes[i]);
            if (r < 0 && t < 0) {
                continue;
            }
            any = true;
            List<String> why = new ArrayList<>(2);
            int attempts = 1;
            Duration initial = Duration.ZERO;
            Duration max = Duration.ZERO;
            double multiplier = 2;
            double jitter = 0;
            if (r >= 0) {
                Retry rule = retry.get(r);
                attempts = rule.maxAttempts().orElse(3);
                initial = rule.initialBackoff().orElse(Duration.ofMillis(100));
                max = rule.maxBackoff().orElse(Duration.ofSeconds(30));
                multiplier = rule.multiplier().orElse(2.0);
                jitter = rule.jitter().orElse(0.0);
                why.add("retry rule " + (r + 1) + ": " + attempts + " attempts");
            }
            Duration after = null;
            if (t >= 0) {
                after = timeout.get(t).after();
                why.add("timeout rule " + (t + 1) + ": " + Durations.format(after));
            }
            out[i] = new NodePolicy(attempts, initial, max, multiplier, jitter, after,
                    "runner '" + runnerName + "', " + String.join(", ", why));
        }
        return any ? out : null;
    }

    private static int first(List<? extends Selector> rules, Node node) {
        for (int k = 0; k < rules.size(); k++) {
            if (rules.get(k).selects(node)) {
                return k;
            }
        }
        return -1;
    }

    /** The policy as plain values, for {@code sluice runners describe}. */
    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        if (!retry.isEmpty()) {
            out.put("retry", retry.stream().map(RecordValues::of).toList());
        }
        if (!timeout.isEmpty()) {
            out.put("timeout", timeout.stream().map(RecordValues::of).toList());
        }
        return out;
    }

    /** Which nodes a rule applies to. */
    sealed interface Selector permits Retry, Timeout {
        List<String> nodes();

        List<String> tags();

        List<String> namespaces();

        /** By name, any tag, or namespace (exact or a dotted prefix); everything when all are empty. */
        default boolean selects(Node node) {
            if (nodes().isEmpty() && tags().isEmpty() && namespaces().isEmpty()) {
                return true;
            }
            if (nodes().contains(node.name())) {
                return true;
            }
            for (String tag : tags()) {
                if (node.tags().contains(tag)) {
                    return true;
                }
            }
            String ns = node.namespace();
            if (ns != null) {
                for (String wanted : namespaces()) {
                    if (ns.equals(wanted) || ns.startsWith(wanted + ".")) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    /**
     * A retry rule: {@code max_attempts} (default 3, from 1 to 100), {@code initial_backoff}
     * (default 100ms), {@code max_backoff} (default 30s), {@code multiplier} (default 2, at least
     * 1), {@code jitter} (default 0, from 0 to 1).
     */
    public record Retry(List<String> nodes, List<String> tags, List<String> namespaces,
                        @ConfigBinder.Range(min = 1, max = 100) Optional<Integer> maxAttempts,
                        Optional<Duration> initialBackoff, Optional<Duration> maxBackoff,
                        Optional<Double> multiplier, Optional<Double> jitter) implements Selector {
        public Retry {
            nodes = List.copyOf(nodes);
            tags = List.copyOf(tags);
            namespaces = List.copyOf(namespaces);
            if (multiplier.isPresent() && !(multiplier.get() >= 1)) {
                throw new IllegalArgumentException("multiplier must be at least 1, got " + multiplier.get());
            }
            if (jitter.isPresent() && !(jitter.get() >= 0 && jitter.get() <= 1)) {
                throw new IllegalArgumentException("jitter must be from 0 to 1, got " + jitter.get());
            }
            if (initialBackoff.isPresent() && maxBackoff.isPresent()
                    && initialBackoff.get().compareTo(maxBackoff.get()) > 0) {
                throw new IllegalArgumentException("initial_backoff (" + Durations.format(initialBackoff.get())
                        + ") must not exceed max_backoff (" + Durations.format(maxBackoff.get()) + ")");
            }
        }
    }

    /** A timeout rule: {@code after}, required and positive. */
    public record Timeout(List<String> nodes, List<String> tags, List<String> namespaces, Duration after)
            implements Selector {
        public Timeout {
            nodes = List.copyOf(nodes);
            tags = List.copyOf(tags);
            namespaces = List.copyOf(namespaces);
            if (after == null || after.isZero()) {
                throw new IllegalArgumentException("after must be a positive duration such as 30s");
            }
        }
    }
}
