package io.sluice.deploy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The container settings of one group's task, from {@code tasks:} in {@code deploy.yml}; every
 * field is optional (absent: the platform's default, or what the runner entry's policy gives).
 *
 * @param image        the image of this task instead of {@code --image}
 * @param cpu          CPU request as Kubernetes writes it ({@code 500m}, {@code 2})
 * @param memory       memory request and limit as Kubernetes writes it ({@code 512Mi}, {@code 4Gi})
 * @param nodeSelector Kubernetes node labels the task must run on, sorted by key
 * @param retries      how many times the orchestrator retries a failed task, instead of the policy's
 * @param timeout      the deadline of one attempt of the task, instead of the policy's
 */
public record TaskSettings(Optional<String> image, Optional<String> cpu, Optional<String> memory,
                           Map<String, String> nodeSelector, Optional<Integer> retries, Optional<Duration> timeout) {

    /** No setting. */
    public static final TaskSettings NONE = new TaskSettings(Optional.empty(), Optional.empty(), Optional.empty(),
            Map.of(), Optional.empty(), Optional.empty());

    public TaskSettings {
        nodeSelector = java.util.Collections.unmodifiableMap(new TreeMap<>(nodeSelector == null ? Map.of()
                : nodeSelector));
        if (retries.isPresent() && retries.get() < 0) {
            throw new IllegalArgumentException("retries must be 0 or more, got " + retries.get());
        }
        if (timeout.isPresent() && timeout.get().isZero()) {
            throw new IllegalArgumentException("timeout must be a positive duration such as 30m");
        }
    }

    /** These settings, each absent one taken from {@code defaults}. */
    TaskSettings over(TaskSettings defaults) {
        Map<String, String> selector = new TreeMap<>(defaults.nodeSelector);
        selector.putAll(nodeSelector);
        return new TaskSettings(image.or(defaults::image), cpu.or(defaults::cpu), memory.or(defaults::memory),
                selector, retries.or(defaults::retries), timeout.or(defaults::timeout));
    }
}
