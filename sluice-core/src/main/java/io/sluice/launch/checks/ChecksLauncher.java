package io.sluice.launch.checks;

import io.sluice.launch.Launch;
import io.sluice.launch.LaunchRefusedException;
import io.sluice.launch.Launcher;
import io.sluice.run.RunResult;
import io.sluice.session.Session;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code checks} launcher: runs every check, refuses with all failures when one fails, else
 * runs the spec through the wrapped entry, then the after-actions whose {@code when} matches the
 * outcome. Holds no per-launch state.
 */
final class ChecksLauncher implements Launcher {
    private final String name;
    private final List<Check> before;
    private final List<AfterAction> after;
    private final Map<String, String> env;

    ChecksLauncher(String name, List<Check> before, List<AfterAction> after, Map<String, String> env) {
        this.name = name;
        this.before = List.copyOf(before);
        this.after = List.copyOf(after);
        this.env = Map.copyOf(env);
    }

    @Override
    public List<RunResult> launch(Launch launch) throws Exception {
        Session session = launch.session();
        PrintWriter out = launch.out();
        checkBefore(session);
        if (!before.isEmpty()) {
            out.println("Checks of " + name + " passed: " + String.join(", ", before.stream().map(Check::kind)
                    .toList()) + ".");
            out.flush();
        }
        List<RunResult> runs = List.of();
        Exception failure = null;
        try {
            runs = launch.proceed(launch.spec());
        } catch (Exception e) {
            failure = e;
        }
        RunOutcome outcome = new RunOutcome(name, launch.spec(), session.options().env(), runs,
                Optional.ofNullable(failure));
        List<Exception> failed = runAfter(outcome, session, out);
        if (failure != null) {
            failed.forEach(failure::addSuppressed);
            throw failure;
        }
        if (!failed.isEmpty()) {
            AfterActionFailedException e = new AfterActionFailedException("Launcher '" + name + "': the run"
                    + (runs.size() == 1 ? " " : "s ") + String.join(", ", outcome.runIds()) + " succeeded, but "
                    + failed.size() + " after-action" + (failed.size() == 1 ? "" : "s") + " failed:\n  - "
                    + String.join("\n  - ", failed.stream().map(Throwable::getMessage).toList()));
            failed.forEach(e::addSuppressed);
            throw e;
        }
        return runs;
    }

    private void checkBefore(Session session) {
        Check.Context context = new Check.Context(session.options().projectDir(), session.catalog(), env);
        List<Check.Failure> failures = new ArrayList<>();
        for (Check check : before) {
            check.verify(context).ifPresent(failures::add);
        }
        if (!failures.isEmpty()) {
            throw new LaunchRefusedException("Launcher '" + name + "' refused to run: " + failures.size() + " of "
                    + before.size() + " check" + (before.size() == 1 ? "" : "s") + " failed. Nothing ran.\n  - "
                    + String.join("\n  - ", failures.stream().map(Check.Failure::toString).toList()));
        }
    }

    /** Runs the matching after-actions in order; returns the failures, each named. */
    private List<Exception> runAfter(RunOutcome outcome, Session session, PrintWriter out) {
        List<Exception> failed = new ArrayList<>();
        for (AfterAction action : after) {
            if (!action.when().matches(outcome.succeeded())) {
                continue;
            }
            try {
                action.run(outcome, session.options().projectDir(), env);
            } catch (Exception e) {
                String message = e.getMessage() != null && e.getMessage().startsWith(action.describe())
                        ? e.getMessage() : action.describe() + " failed: " + e;
                Exception named = new AfterActionFailedException(message);
                if (action instanceof AfterAction.Hook) { // a command's failure is all in the message
                    named.initCause(e);
                }
                out.println("After-action of " + name + " failed: " + message);
                out.flush();
                failed.add(named);
            }
        }
        return failed;
    }
}
