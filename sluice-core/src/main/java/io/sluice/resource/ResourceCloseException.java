package io.sluice.resource;

import io.sluice.SluiceException;
import java.util.List;
import java.util.Map;

/**
 * Closing a {@link Resources} registry failed for one or more of its resources. Every resource
 * was still asked to close; the message names each one that failed and why, the first failure is
 * the cause and the others are suppressed.
 */
public final class ResourceCloseException extends SluiceException {
    private final List<String> failedKeys;

    ResourceCloseException(String owner, Map<String, Exception> failures) {
        super(message(owner, failures), failures.values().iterator().next());
        this.failedKeys = List.copyOf(failures.keySet());
        failures.values().stream().skip(1).forEach(this::addSuppressed);
    }

    /** The keys of the resources that failed to close, in the order they were closed. */
    public List<String> failedKeys() {
        return failedKeys;
    }

    private static String message(String owner, Map<String, Exception> failures) {
        StringBuilder sb = new StringBuilder("Closing the resources of ").append(owner).append(" failed for ")
                .append(failures.size() == 1 ? "one resource" : failures.size() + " resources")
                .append(" (the others were closed):");
        failures.forEach((key, e) -> sb.append("\n  '").append(key).append("': ").append(e));
        return sb.toString();
    }
}
