package io.sluice.temporal;

import io.sluice.config.ConfigBinder;
import io.sluice.run.GroupBy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The keys of a {@code temporal} entry of {@code runners.yml}:
 * <pre>{@code
 * cluster:
 *   launcher: temporal
 *   wraps: default              # the runner each group's nodes run with on the worker (default: 'default')
 *   address: 127.0.0.1:7233     # the Temporal frontend (host:port)
 *   namespace: default
 *   task_queue: sluice          # workflows and group activities; workers of this entry poll it
 *   parallelism: 4              # groups of one run at a time
 *   start_to_close: 1h          # one attempt of one group at most
 *   heartbeat: 10s              # a worker silent this long lost the group: it is retried elsewhere
 *   worker_slots: 2             # groups one worker JVM executes at a time
 *   retry: {max_attempts: 3, initial_interval: 1s, max_interval: 1m, backoff: 2.0,
 *           non_retryable: [java.lang.IllegalArgumentException]}
 *   tls: {cert: /etc/sluice/client.pem, key: /etc/sluice/client.key, ca: /etc/sluice/ca.pem}
 *   credentials: temporal_cloud # credentials.yml entry with api_key (sent as a bearer token)
 *   grouping:                   # optional: how to group instead of the deploy config (deploy.yml's keys)
 *     strategy: branch          # node, namespace, tag, memory-components, persistence-cuts, branch, deploy
 *     target_groups: 8          # also tag_prefix, rest (strategy tag), max_cost, cost_tag
 * }</pre>
 * Groups are the deploy config's ({@code conf/<env>/deploy.yml}) unless {@code grouping:} names a
 * strategy; each group's spec carries the grouping, so every worker derives the same groups.
 *
 * @param address       the frontend's {@code host:port}
 * @param namespace     the Temporal namespace
 * @param taskQueue     the task queue of the workflow and its activities
 * @param parallelism   how many groups of one run execute at a time
 * @param startToClose  the longest one attempt of one group may take
 * @param heartbeat     how long a worker may stay silent before its group is retried on another
 * @param workerSlots   how many groups one worker executes at a time
 * @param retry         how failed attempts of a group are retried
 * @param tls           TLS to the frontend, or absent for plain text
 * @param credentials   the bound credentials ({@code api_key}), or empty
 * @param grouping      how the run is grouped, or absent for the deploy config's grouping
 */
public record TemporalConfig(String address, String namespace, String taskQueue,
                             @ConfigBinder.Range(min = 1, max = 10_000)
                             @ConfigBinder.Fix("Set how many groups run at a time, e.g. 'parallelism: 4'.")
                             int parallelism,
                             Duration startToClose, Duration heartbeat,
                             @ConfigBinder.Range(min = 1, max = 1024)
                             @ConfigBinder.Fix("Set how many groups one worker runs at a time, e.g. 'worker_slots: 2'.")
                             int workerSlots,
                             Retry retry, Optional<Tls> tls, Map<String, String> credentials,
                             Optional<Grouping> grouping) {

    /** 127.0.0.1:7233, namespace default, task queue sluice, 4 at a time, 1 h per attempt, 10 s heartbeat. */
    static final TemporalConfig DEFAULTS = new TemporalConfig("127.0.0.1:7233", "default", "sluice", 4,
            Duration.ofHours(1), Duration.ofSeconds(10), 2, Retry.DEFAULTS, Optional.empty(), Map.of(),
            Optional.empty());

    public TemporalConfig {
        if (address == null || address.isBlank() || !address.contains(":")) {
            throw new IllegalArgumentException("address must be host:port, e.g. 'address: 127.0.0.1:7233', got '"
                    + address + "'");
        }
        if (namespace == null || namespace.isBlank()) {
            throw new IllegalArgumentException("namespace must not be empty");
        }
        if (taskQueue == null || taskQueue.isBlank()) {
            throw new IllegalArgumentException("task_queue must not be empty");
        }
        if (startToClose == null || startToClose.isZero()) {
            throw new IllegalArgumentException("start_to_close must be longer than 0, e.g. 'start_to_close: 1h'");
        }
        if (heartbeat == null || heartbeat.isZero() || heartbeat.compareTo(startToClose) > 0) {
            throw new IllegalArgumentException("heartbeat must be longer than 0 and at most start_to_close ("
                    + startToClose + "), e.g. 'heartbeat: 10s'");
        }
        retry = retry == null ? Retry.DEFAULTS : retry;
        tls = tls == null ? Optional.empty() : tls;
        credentials = credentials == null ? Map.of() : Map.copyOf(credentials);
        grouping = grouping == null ? Optional.empty() : grouping;
    }

    /** The grouping the entry asks for, or {@code null} for the deploy config's. */
    GroupBy groupBy() {
        return grouping.map(Grouping::groupBy).orElse(null);
    }

    /**
     * {@code grouping:}: a strategy and its options, with the keys and meaning of
     * {@code deploy.yml}'s ({@code sluice run --group G --group-by S} on the command line).
     *
     * @param strategy     node, namespace, tag, memory-components, persistence-cuts, branch or deploy
     * @param tagPrefix    with strategy tag: the tag prefix (default {@code group:})
     * @param rest         with strategy tag: the group of untagged nodes
     * @param targetGroups then merge small neighbouring groups down to this many
     * @param maxCost      then merge while a merged group costs at most this
     * @param costTag      in a merge, a node tagged {@code <cost_tag>N} costs N
     */
    public record Grouping(String strategy, Optional<String> tagPrefix, Optional<String> rest,
                           Optional<Integer> targetGroups, Optional<Long> maxCost, Optional<String> costTag) {
        /** @throws IllegalArgumentException for an unknown strategy (with close matches) or an option it does not take */
        public Grouping {
            tagPrefix = tagPrefix == null ? Optional.empty() : tagPrefix;
            rest = rest == null ? Optional.empty() : rest;
            targetGroups = targetGroups == null ? Optional.empty() : targetGroups;
            maxCost = maxCost == null ? Optional.empty() : maxCost;
            costTag = costTag == null ? Optional.empty() : costTag;
            groupBy(strategy, tagPrefix, rest, targetGroups, maxCost, costTag); // refuses what GroupBy refuses
        }

        /** The grouping as a run spec carries it. */
        GroupBy groupBy() {
            return groupBy(strategy, tagPrefix, rest, targetGroups, maxCost, costTag);
        }

        private static GroupBy groupBy(String strategy, Optional<String> tagPrefix, Optional<String> rest,
                                       Optional<Integer> targetGroups, Optional<Long> maxCost,
                                       Optional<String> costTag) {
            return new GroupBy(strategy, tagPrefix.orElse(null), rest.orElse(null), targetGroups.orElse(0),
                    maxCost.orElse(0L), costTag.orElse(null));
        }
    }

    /** The API key of the bound credentials, if any. */
    Optional<String> apiKey() {
        return Optional.ofNullable(credentials.get("api_key"));
    }

    /**
     * How failed attempts of a group are retried (Temporal's activity retry policy). A group whose
     * node threw an exception of a class in {@code nonRetryable} (or a subclass's name given exactly)
     * fails the run at once; so does an error that no attempt can fix (an unknown group, a wrong
     * parameter).
     *
     * @param maxAttempts     attempts per group, the first included (1: no retry)
     * @param initialInterval the wait before the first retry
     * @param maxInterval     the longest wait between two attempts
     * @param backoff         each wait is the previous one times this
     * @param nonRetryable    class names of node errors that are not retried
     */
    public record Retry(@ConfigBinder.Range(min = 1, max = 1000)
                        @ConfigBinder.Fix("Set the attempts per group, e.g. 'max_attempts: 3' (1: no retry).")
                        int maxAttempts,
                        Duration initialInterval, Duration maxInterval, double backoff, List<String> nonRetryable) {
        static final Retry DEFAULTS = new Retry(3, Duration.ofSeconds(1), Duration.ofMinutes(1), 2.0, List.of());

        public Retry {
            if (initialInterval == null || initialInterval.isZero()) {
                throw new IllegalArgumentException("retry.initial_interval must be longer than 0, e.g. 1s");
            }
            if (maxInterval == null || maxInterval.compareTo(initialInterval) < 0) {
                throw new IllegalArgumentException("retry.max_interval must be at least retry.initial_interval ("
                        + initialInterval + ")");
            }
            if (backoff < 1.0) {
                throw new IllegalArgumentException("retry.backoff must be 1.0 or more, got " + backoff);
            }
            nonRetryable = nonRetryable == null ? List.of() : List.copyOf(nonRetryable);
        }
    }

    /**
     * TLS to the frontend. Paths are relative to the project directory; without {@code cert} and
     * {@code key} the client is not authenticated by certificate (an API key may be); without
     * {@code ca} the JVM's trusted authorities verify the server.
     *
     * @param cert       the client certificate chain (PEM), or absent
     * @param key        the client's PKCS#8 private key (PEM), or absent
     * @param ca         the authority that signed the server's certificate (PEM), or absent
     * @param serverName the name the server's certificate must carry when it differs from the address's host
     */
    public record Tls(Optional<String> cert, Optional<String> key, Optional<String> ca, Optional<String> serverName) {
        public Tls {
            cert = cert == null ? Optional.empty() : cert;
            key = key == null ? Optional.empty() : key;
            ca = ca == null ? Optional.empty() : ca;
            serverName = serverName == null ? Optional.empty() : serverName;
            if (cert.isPresent() != key.isPresent()) {
                throw new IllegalArgumentException("tls needs both cert and key for a client certificate, or neither");
            }
        }
    }
}
