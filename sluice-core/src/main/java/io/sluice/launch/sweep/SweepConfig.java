package io.sluice.launch.sweep;

import io.sluice.config.ConfigBinder;
import io.sluice.config.ConfigValue;
import java.util.List;
import java.util.Optional;

/**
 * The keys of a {@code sweep} entry of {@code runners.yml}.
 *
 * <p>The parameter sets are {@code grid}, {@code sets}, or both:
 * <ul>
 *   <li>{@code grid}: dotted parameter path → list of values; the sets are the cartesian product,
 *       keys in file order, the last key varying fastest ({@code {a: [1, 2], b: [x, y]}} gives
 *       a=1 b=x, a=1 b=y, a=2 b=x, a=2 b=y).</li>
 *   <li>{@code sets}: a list of mappings path → value, run in list order: for values that go
 *       together (a model and its own options).</li>
 *   <li>both: every set crossed with the grid, the sets varying slowest (set 1 with every grid
 *       point, then set 2…); a path may not be in both.</li>
 * </ul>
 *
 * @param grid     parameter path → values; absent for none
 * @param sets     a list of mappings parameter path → value; absent for none
 * @param parallel how many runs at a time (default 1), sharing the compiled session
 * @param failFast stop launching runs after the first failed one (default false: run every set)
 * @param summary  which outputs go into the summary table, and where it is saved
 */
public record SweepConfig(Optional<ConfigValue> grid, Optional<ConfigValue> sets,
                          @ConfigBinder.Range(min = 1, max = 1024)
                          @ConfigBinder.Fix("Set how many runs go at a time, e.g. 'parallel: 4'.") int parallel,
                          boolean failFast, Summary summary) {

    /** No sets yet, one run at a time, every set run, an empty summary of parameters only. */
    static final SweepConfig DEFAULTS = new SweepConfig(Optional.empty(), Optional.empty(), 1, false,
            new Summary(List.of(), Optional.empty()));

    /**
     * The summary table: one row per parameter set with {@code run_id}, {@code state}, every
     * parameter path, every output column and {@code error}.
     *
     * @param outputs datasets whose values (as each run returned them) become columns; a mapping or
     *                record value gives one column per key, dotted ({@code metrics.r2})
     * @param dataset the catalog dataset the table is saved to as a list of rows (a {@code csv},
     *                {@code json} or parquet entry); absent: only printed
     */
    public record Summary(List<String> outputs, Optional<String> dataset) {
    }
}
