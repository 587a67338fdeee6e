/**
 * The built-in {@code sweep} launcher: one run per parameter set of a grid (or a list of sets),
 * optionally several at a time, and a summary table of chosen outputs per set, printed and saved
 * to a catalog dataset — the hyper-parameter search of the runner SPI ({@link io.sluice.launch}).
 *
 * <pre>{@code
 * # conf/base/runners.yml
 * tuning:
 *   launcher: sweep
 *   wraps: parallel4
 *   grid:
 *     model_options.test_size: [0.1, 0.2, 0.3]
 *     model_options.random_state: [1, 2, 3]
 *   parallel: 3
 *   summary:
 *     outputs: [metrics]
 *     dataset: tuning_summary
 * }</pre>
 * See {@link io.sluice.launch.sweep.SweepConfig} for every key.
 */
package io.sluice.launch.sweep;
