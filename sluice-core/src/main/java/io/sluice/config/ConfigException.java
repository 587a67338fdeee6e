package io.sluice.config;

import io.sluice.SluiceException;

/**
 * A problem in the project's configuration, reported as
 * {@code conf/base/catalog.yml:12:5: <problem>. <fix>}: where it is, what is wrong, and what to
 * do about it.
 */
public class ConfigException extends SluiceException {
    private final transient Location location;

    /**
     * @param location where the problem is (file:line:column), or {@code null} if nowhere
     * @param problem  what is wrong, without a trailing period
     * @param fix      what to do about it, a full sentence; may be empty
     */
    public ConfigException(Location location, String problem, String fix) {
        super(format(location, problem, fix));
        this.location = location;
    }

    /** Where the problem is; {@code null} when it is not tied to a place. */
    public Location location() {
        return location;
    }

    private static String format(Location location, String problem, String fix) {
        StringBuilder sb = new StringBuilder();
        if (location != null) {
            sb.append(location).append(": ");
        }
        sb.append(problem).append('.');
        if (fix != null && !fix.isEmpty()) {
            sb.append(' ').append(fix);
        }
        return sb.toString();
    }
}
