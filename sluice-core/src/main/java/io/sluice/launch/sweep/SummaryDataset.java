package io.sluice.launch.sweep;

import io.sluice.SluiceException;
import io.sluice.io.Dataset;
import io.sluice.launch.Launch;
import io.sluice.run.RunContext;
import io.sluice.session.Session;
import java.util.List;
import java.util.Map;

/**
 * Saves a sweep's summary rows to its catalog dataset, with the dataset's own (atomic) save, in a
 * context of its own run id: a versioned dataset keeps one version per launch.
 */
final class SummaryDataset {
    private SummaryDataset() {
    }

    static void save(Launch launch, String name, SweepSummary summary) {
        Session session = launch.session();
        Dataset<?> dataset = session.catalog().dataset(name);
        RunContext context = new RunContext(session.newRunId(), launch.spec().pipeline(), session.options().env(),
                launch.spec().params(), session.options().projectDir());
        try {
            saveRows(dataset, context, summary.rows());
        } catch (ClassCastException e) {
            throw new SluiceException("Launcher '" + launch.entry().name() + "' (sweep): summary dataset '" + name
                    + "' (type " + session.catalog().resolve(name).type() + ", "
                    + session.catalog().resolve(name).location() + ") cannot save a table (a list of rows): "
                    + e.getMessage() + ". Use a csv, json or parquet dataset.", e);
        }
    }

    @SuppressWarnings("unchecked") // a dataset of another type fails with ClassCastException, reported above
    private static void saveRows(Dataset<?> dataset, RunContext context, List<Map<String, Object>> rows) {
        ((Dataset<Object>) dataset).save(context, rows);
    }
}
