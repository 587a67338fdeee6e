package io.sluice.run;

/**
 * Where datasets report how far a long load or save has got (bytes read of the file's size, rows
 * written of the list's): {@link RunContext#progress()}. The {@code sluice} command shows it on
 * its progress line when stderr is a terminal ({@code node split_data · loading
 * model_input_table 34 % 19/56 MB}); everywhere else — pipes, files, CI, {@code -q},
 * {@code --log-format json}, a server, an embedding application — it is {@link #NONE}.
 *
 * <p>A dataset asks once per load or save, through {@link #start(RunContext, String, String, long, Unit)}:
 * when the run reports nothing it gets {@link Task#NONE} without any call to the run's
 * {@code Progress}, and should then skip whatever it does only to count (wrapping a stream,
 * counting rows): test {@link Task#active()} once, outside its loops. An active task is told of
 * progress per block or per few thousand rows, never per row or per byte; it may be called from
 * several threads at once (a file read in parallel stretches). Implementations throttle what they
 * show.
 */
public interface Progress {

    /** Reports nothing: the progress of every run that is not shown on a terminal. */
    Progress NONE = new Progress() {
        @Override
        public boolean enabled() {
            return false;
        }

        @Override
        public Task start(String dataset, String action, long total, Unit unit) {
            return Task.NONE;
        }

        @Override
        public String toString() {
            return "Progress.NONE";
        }
    };

    /** What a task counts. */
    enum Unit {
        /** Bytes read or written; shown as KB, MB, GB. */
        BYTES,
        /** Rows (records) read or written. */
        ROWS
    }

    /** Whether anything is shown: when false, datasets do not call {@link #start}. */
    boolean enabled();

    /**
     * A load or save begins.
     *
     * @param dataset the dataset's name in the catalog
     * @param action  what is done, as shown: {@code "loading"}, {@code "saving"}
     * @param total   how many {@code unit}s there will be, or -1 when unknown
     * @param unit    what {@link Task#add} counts
     * @return the task to report to, closed when the load or save ends (also when it fails)
     */
    Task start(String dataset, String action, long total, Unit unit);

    /**
     * The task of one load or save of {@code dataset} in {@code run}: {@link Task#NONE} (no call to
     * the run's progress) when it reports nothing.
     */
    static Task start(RunContext run, String dataset, String action, long total, Unit unit) {
        Progress progress = run.progress();
        return progress.enabled() ? progress.start(dataset, action, total, unit) : Task.NONE;
    }

    /** One load or save in progress. */
    interface Task extends AutoCloseable {

        /** Counts nothing; {@link #active()} is false. */
        Task NONE = new Task() {
            @Override
            public boolean active() {
                return false;
            }

            @Override
            public void add(long amount) {
            }

            @Override
            public void close() {
            }

            @Override
            public String toString() {
                return "Task.NONE";
            }
        };

        /** Whether reports are shown; when false, a dataset skips its counting altogether. */
        default boolean active() {
            return true;
        }

        /** {@code amount} more units are done. Thread-safe; cheap enough to call per block. */
        void add(long amount);

        /** The load or save has ended: its progress disappears. Idempotent. */
        @Override
        void close();
    }
}
