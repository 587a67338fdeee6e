package io.sluice.session;

import io.sluice.io.Dataset;
import io.sluice.io.MemoryDataset;

/**
 * One dataset of a compiled plan.
 *
 * @param name       the dataset name
 * @param shared     the catalog's dataset, shared by all runs; {@code null} for memory datasets,
 *                   which get a fresh instance per run from {@code prototype}
 * @param prototype  for memory datasets, the (empty) instance whose copy mode each run copies
 * @param consumers  how many nodes of the plan read it
 * @param persistent whether its data outlives the run
 */
record Slot(String name, Dataset<?> shared, MemoryDataset<?> prototype, int consumers, boolean persistent) {

    /** The dataset a run uses for this slot. */
    Dataset<?> forRun() {
        return shared != null ? shared : prototype.emptyCopy();
    }
}
