package io.sluice.launch.checks;

/**
 * An action of a {@code checks} launcher's {@code after} list, told once the wrapped run(s) ended:
 * {@code - hook: com.acme.Notify} names a public class implementing it, with a public constructor
 * taking a record (bound from the item's {@code args}) or none. It is created once per session.
 *
 * <p>Unlike an {@link io.sluice.hooks.Hook}, which runs inside each run (and whose failure would
 * fail that run), it is called once per launch, after the journal is final, with the outcome of
 * every run the launch made; if it throws, the run's own outcome stays as it was and the launch
 * reports the failure.
 */
@FunctionalInterface
public interface AfterRun {

    /**
     * Acts on the outcome of the launch.
     *
     * @throws Exception reported as a failed after-action
     */
    void afterRun(RunOutcome outcome) throws Exception;
}
