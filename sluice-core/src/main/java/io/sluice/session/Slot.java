package io.sluice.session;

import io.sluice.io.Dataset;
import io.sluice.io.MemoryDataset;

/**
 * One dataset of a compiled plan.
 *
 * @param name       the dataset name
 * @param shared     the catalog's dataset, shared by all runs; {@code null} for memory datasets,
 *                   whose values each run holds itself
 * @param prototype  for memory datasets, the catalog's (empty) instance, shared by all runs: each
 *                   run copies values on save and load through it ({@link MemoryDataset#copyOf})
 * @param consumers  how many nodes of the plan read it
 * @param persistent whether its data outlives the run
 * @param artifact   whether no node of the plan writes it and the catalog lets sessions read it
 *                   once and share the value between runs
 */
record Slot(String name, Dataset<?> shared, MemoryDataset<?> prototype, int consumers, boolean persistent,
            boolean artifact) {
}
