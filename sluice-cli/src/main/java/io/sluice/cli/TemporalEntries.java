package io.sluice.cli;

import io.sluice.SluiceException;
import io.sluice.cli.args.UsageException;
import io.sluice.launch.LauncherCatalog;
import io.sluice.launch.LauncherEntry;
import io.sluice.session.Session;
import io.sluice.temporal.RunMarker;
import io.sluice.temporal.TemporalConfig;
import io.sluice.temporal.TemporalType;
import java.util.List;
import java.util.Map;

/** The {@code temporal} entries of runners.yml, as the commands that talk to Temporal find them. */
final class TemporalEntries {
    private TemporalEntries() {
    }

    /** The entry's name and bound config. */
    record Found(String name, TemporalConfig config) {
    }

    /** Whether entry {@code name} of {@code launchers} is a {@code temporal} launcher. */
    static boolean isTemporal(LauncherCatalog launchers, String name) {
        LauncherEntry e = launchers.find(name);
        return e != null && e.args() instanceof TemporalConfig;
    }

    /**
     * Entry {@code name} of the session's runners.yml, which must be a {@code temporal} launcher.
     *
     * @throws UsageException naming the temporal entries there are
     */
    static Found find(Session session, String name) {
        LauncherCatalog launchers = LauncherCatalog.of(session);
        LauncherEntry e = launchers.find(name);
        if (e != null && e.args() instanceof TemporalConfig c) {
            return new Found(name, c);
        }
        List<String> temporal = launchers.entries().values().stream().filter(x -> x.args() instanceof TemporalConfig)
                .map(LauncherEntry::name).toList();
        throw new UsageException("--runner " + name + (e == null ? " is not a temporal entry of runners.yml"
                : " is a " + e.type() + " launcher, not a " + TemporalType.NAME + " one") + " (environment "
                + session.options().env() + "). " + (temporal.isEmpty() ? "Declare one, e.g. 'cluster: {launcher: "
                + "temporal, address: 127.0.0.1:7233, task_queue: sluice}' in conf/base/runners.yml."
                : "Temporal entries: " + String.join(", ", temporal) + "."));
    }

    /** The entry that started the Temporal run of {@code marker}, read in the run's environment. */
    static Found of(SluiceMain root, RunMarker marker) {
        try (Session session = root.openSession(marker.env(), Map.of(), false)) {
            return find(session, marker.entry());
        } catch (UsageException e) {
            throw new SluiceException("The Temporal run was started with runner entry '" + marker.entry()
                    + "' (environment " + marker.env() + "), which is no temporal entry any more: " + e.getMessage());
        }
    }
}
