package io.sluice.server;

import io.sluice.Suggestions;
import io.sluice.config.ConfigException;
import io.sluice.config.ConfigList;
import io.sluice.config.ConfigValue;
import io.sluice.session.Session;
import io.undertow.server.HttpServerExchange;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * The runner of a run request: {@code ?runner=NAME} when the server allows that entry of
 * {@code runners.yml} ({@link ServerConfig#runner()} and {@link ServerConfig#runners()}), else
 * {@link ServerConfig#runner()}. A request that names no runner costs one query-parameter lookup
 * and allocates nothing.
 */
final class ServedRunners {
    /** The query parameter of a run request that names its runner. */
    static final String PARAM = "runner";

    private final String fallback;
    private final Set<String> allowed;
    private final Set<String> launchers;

    ServedRunners(ServerConfig config, Set<String> launchers) {
        this.fallback = config.runner();
        Set<String> names = new LinkedHashSet<>();
        names.add(config.runner());
        names.addAll(config.runners());
        this.allowed = Set.copyOf(names);
        this.launchers = launchers;
    }

    /**
     * The runner {@code ex} asks for, or the server's default.
     *
     * @throws HttpError 400 for a runner the server does not allow, listing those it does
     */
    String of(HttpServerExchange ex) {
        Deque<String> asked = ex.getQueryParameters().get(PARAM);
        if (asked == null || asked.isEmpty()) {
            return fallback;
        }
        String name = asked.getFirst();
        if (allowed.contains(name)) {
            return name;
        }
        String allowedNames = String.join(", ", new TreeSet<>(allowed));
        throw HttpError.badRequest("runner: '" + name + "' " + (launchers.contains(name)
                ? "is a run launcher, and launchers are not run per request"
                : "is not a runner this server allows") + "; allowed runners: " + allowedNames
                + " (runners: in server.yml or in the serve launcher's entry)");
    }

    /**
     * Checks {@code runners:} of a server config against the session's {@code runners.yml}: each
     * must be a runner entry, not a launcher.
     *
     * @throws ConfigException at the first name that is not, with the runner entries
     */
    static void check(Session session, ConfigList listed) {
        Set<String> runners = new TreeSet<>(session.runners().names());
        for (ConfigValue item : listed.items()) {
            String name = String.valueOf(item.unwrap());
            if (session.runners().launcherNames().contains(name)) {
                throw new ConfigException(item.location(), "runners lists '" + name + "', which is a run launcher: "
                        + "a served request makes one run through a runner, so launchers are not run per request",
                        "List runner entries of runners.yml: " + String.join(", ", runners) + ".");
            }
            if (session.runners().find(name) == null) {
                throw new ConfigException(item.location(), "runners lists '" + name + "', which is no runner entry "
                        + "of runners.yml." + Suggestions.didYouMean(name, runners),
                        "Runner entries: " + String.join(", ", runners) + ".");
            }
        }
    }
}
