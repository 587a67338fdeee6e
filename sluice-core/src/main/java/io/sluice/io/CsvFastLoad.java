package io.sluice.io;

import io.sluice.run.Progress;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link CsvDataset}'s load of UTF-8 files: the bytes parsed straight into rows, in parallel
 * stretches for large files, each stretch checksummed by the thread that reads it (the checksums
 * {@linkplain Crc32c#combine joined} for the file's record).
 *
 * <p>It is the fast path of one definition, not a second one: rows are built by the same
 * {@link RowMapper} from the same {@link Plan}, with the same width checks, and every case it does
 * not handle as FastCSV would — a syntax {@link CsvScanner} leaves to FastCSV, a row of the wrong
 * width, a value that does not convert, a constructor that throws — ends it with
 * {@link CsvScanner.Unsupported}: {@link CsvDataset} then loads the file with FastCSV, which gives
 * the rows or the error (with its line and row numbers) as it always did. Numbers of records of
 * numbers and strings are parsed from the bytes ({@link CsvCells}); everything else goes through
 * the text cells and {@link RowMapper#mapText}.
 *
 * <p>Why not FastCSV in threads: it reads chars from a {@code Reader} and hands out a
 * {@code String} per cell, and most of a load's time (and nearly all of its garbage) was those
 * strings and the parsing of numbers out of them. Measured in {@code BENCHMARKS.md}, "Cold-path
 * speed (issue 10)".
 */
final class CsvFastLoad {
    /** Files below this are read by one thread. */
    static final long PARALLEL_FROM = 4L << 20;
    private static final long MIN_STRETCH = 2L << 20;

    private CsvFastLoad() {
    }

    /** What the dataset makes of the first record: the mapper, the width, the column selection. */
    record Plan(RowMapper<Object> mapper, int width, int[] keep, boolean firstIsData) {
    }

    /** Builds the {@link Plan} from the first record's cells (the header, or the first data row). */
    @FunctionalInterface
    interface Planner {
        Plan plan(String[] first);
    }

    /**
     * The syntax and the checks that {@link CsvDataset} configured, and how to split: files of
     * {@code parallelFrom} bytes and more are read by up to {@code threads} threads, in stretches
     * of at least {@code minStretch} bytes.
     */
    record Settings(char delimiter, char quote, boolean allowMissingFields, int threads, long parallelFrom,
                    long minStretch) {
        /** One thread per processor, for files of 4 MiB and more, stretches of 2 MiB at least. */
        static Settings of(char delimiter, char quote, boolean allowMissingFields) {
            return new Settings(delimiter, quote, allowMissingFields, Runtime.getRuntime().availableProcessors(),
                    PARALLEL_FROM, MIN_STRETCH);
        }
    }

    /** {@link #load(FileChannel, long, boolean, Settings, Planner, Progress.Task)} reporting no progress. */
    static FileLocation.Parsed<List<Object>> load(FileChannel channel, long size, boolean checksum, Settings settings,
                                                  Planner planner)
            throws IOException, CsvScanner.Unsupported {
        return load(channel, size, checksum, settings, planner, Progress.Task.NONE);
    }

    /**
     * Loads the file open as {@code channel}, {@code size} bytes long.
     *
     * @param checksum whether to compute the CRC32C of the bytes read
     * @param progress where the stretches report the bytes they have parsed (every few thousand
     *                 records), or {@link Progress.Task#NONE}
     * @return the rows, and the checksum and size of what was read
     * @throws CsvScanner.Unsupported when FastCSV should load this file instead
     */
    static FileLocation.Parsed<List<Object>> load(FileChannel channel, long size, boolean checksum, Settings settings,
                                                  Planner planner, Progress.Task progress)
            throws IOException, CsvScanner.Unsupported {
        int parts = parts(size, settings);
        long[] bounds = new long[parts + 1];
        for (int i = 1; i < parts; i++) {
            bounds[i] = size * i / parts;
        }
        bounds[parts] = size;

        CsvScanner first = new CsvScanner(channel, size, settings.delimiter(), settings.quote(), 0, bounds[1],
                startsWithByteOrderMark(channel) ? 3 : 0, checksum);
        if (!first.next()) {
            throw new CsvScanner.Unsupported("no first record"); // FastCSV's path explains an empty file
        }
        String[] head = first.cells(new CsvCells(first.fields(), settings.quote()));
        Plan plan;
        try {
            plan = planner.plan(head);
        } catch (RuntimeException e) {
            throw new CsvScanner.Unsupported("the header: " + e.getMessage());
        }

        int rowsHint = first.rowsGuess(size);
        Stretch[] stretches = new Stretch[parts];
        // The first stretch's list is sized for the whole file: the others' rows are appended to it.
        stretches[0] = new Stretch(first, new Rows(plan, settings), capacity(rowsHint, size, size), plan.firstIsData(),
                progress);
        Thread[] threads = new Thread[parts];
        for (int i = 1; i < parts; i++) {
            CsvScanner scanner = new CsvScanner(channel, size, settings.delimiter(), settings.quote(), bounds[i],
                    bounds[i + 1], -1, checksum);
            stretches[i] = new Stretch(scanner, new Rows(plan, settings),
                    capacity(rowsHint, bounds[i + 1] - bounds[i], size), false, progress);
            threads[i] = new Thread(stretches[i], "sluice-csv-load-" + i);
            threads[i].setDaemon(true);
            threads[i].start();
        }
        stretches[0].run();
        boolean interrupted = false;
        for (int i = 1; i < parts; i++) {
            while (true) {
                try {
                    threads[i].join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                    for (Thread t : threads) {
                        if (t != null) {
                            t.interrupt();
                        }
                    }
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while loading");
        }
        for (Stretch s : stretches) {
            s.rethrow();
        }

        // Join the stretches: each must start where the one before stopped; one that guessed its
        // start wrong (a line feed inside quotes) is parsed again from the right place.
        List<Object> rows = stretches[0].rows;
        if (stretches[0].unsupported != null) {
            throw stretches[0].unsupported;
        }
        long expected = stretches[0].stop;
        long crc = stretches[0].crc;
        for (int i = 1; i < parts; i++) {
            Stretch s = stretches[i];
            if (s.start == expected && s.unsupported == null) {
                rows.addAll(s.rows);
                expected = s.stop;
            } else if (s.start == expected) {
                throw s.unsupported;
            } else {
                Stretch again = new Stretch(new CsvScanner(channel, size, settings.delimiter(), settings.quote(),
                        expected, bounds[i + 1], expected, false), new Rows(plan, settings), 16, false, Progress.Task.NONE);
                again.run();
                again.rethrow();
                if (again.unsupported != null) {
                    throw again.unsupported;
                }
                rows.addAll(again.rows);
                expected = again.stop;
            }
            crc = Crc32c.combine(crc, s.crc, bounds[i + 1] - bounds[i]);
        }
        if (expected != size) {
            throw new CsvScanner.Unsupported("stopped at byte " + expected + " of " + size);
        }
        return new FileLocation.Parsed<>(rows, crc, size);
    }

    private static int parts(long size, Settings settings) {
        if (size < settings.parallelFrom() || settings.threads() < 2) {
            return 1;
        }
        return (int) Math.max(1, Math.min(settings.threads(), size / Math.max(1, settings.minStretch())));
    }

    private static int capacity(int rowsHint, long bytes, long size) {
        if (size == 0) {
            return 16;
        }
        long estimate = (long) rowsHint * bytes / size;
        return (int) Math.min(estimate + estimate / 16 + 16, 1 << 28);
    }

    private static boolean startsWithByteOrderMark(FileChannel channel) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(3);
        while (head.hasRemaining()) {
            if (channel.read(head, head.position()) < 0) {
                break;
            }
        }
        return head.position() == 3 && (head.get(0) & 0xFF) == 0xEF && (head.get(1) & 0xFF) == 0xBB
                && (head.get(2) & 0xFF) == 0xBF;
    }

    /** One stretch of the file: its scanner, its rows, where it started and stopped, its checksum. */
    private static final class Stretch implements Runnable {
        private static final int REPORT_BYTES = 1 << 18;
        final CsvScanner scanner;
        final Rows mapping;
        final List<Object> rows;
        final boolean currentIsData;
        final Progress.Task progress;
        final long start;
        long stop = -1;
        long crc;
        CsvScanner.Unsupported unsupported;
        Throwable failure;

        Stretch(CsvScanner scanner, Rows mapping, int capacity, boolean currentIsData, Progress.Task progress) {
            this.scanner = scanner;
            this.progress = progress;
            this.mapping = mapping;
            this.rows = new ArrayList<>(capacity);
            this.currentIsData = currentIsData;
            this.start = scanner.firstRecordStart();
        }

        @Override
        public void run() {
            try {
                if (currentIsData) {
                    mapping.add(scanner, rows);
                }
                if (progress.active()) {
                    reporting();
                } else {
                    while (true) {
                        mapping.addPlain(scanner, rows);
                        if (!scanner.next()) {
                            break;
                        }
                        mapping.add(scanner, rows);
                    }
                }
                stop = scanner.stopOffset();
            } catch (CsvScanner.Unsupported e) {
                unsupported = e;
            } catch (IOException e) {
                failure = e;
            } catch (RuntimeException | Error e) {
                failure = e;
            }
            if (failure == null && scanner.checksums()) {
                try {
                    crc = scanner.finishChecksum();
                } catch (IOException e) {
                    failure = e;
                }
            }
        }

        /**
         * The loop of {@link #run}, reporting the bytes parsed whenever {@value #REPORT_BYTES} more
         * are done (plain records are read a buffer at a time, so at most once per buffer).
         */
        private void reporting() throws IOException, CsvScanner.Unsupported {
            long reported = Math.max(start, 0);
            while (true) {
                mapping.addPlain(scanner, rows);
                long at = scanner.stopOffset();
                if (at - reported >= REPORT_BYTES) {
                    progress.add(at - reported);
                    reported = at;
                }
                if (!scanner.next()) {
                    break;
                }
                mapping.add(scanner, rows);
            }
            progress.add(scanner.stopOffset() - reported);
        }

        void rethrow() throws IOException {
            if (failure instanceof IOException e) {
                throw e;
            }
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
        }
    }

    /** Builds rows from records, as {@link CsvDataset}'s FastCSV path does. */
    private static final class Rows {
        private final RowMapper<Object> mapper;
        private final int width;
        private final int[] keep;
        private final boolean allowMissingFields;
        private final CsvCells cells;
        private final RowMapper.Direct direct;
        private final int[] kinds;
        private final int[] fileColumn;
        private final ArrayConstructor constructor;
        private final long[] longs;
        private final double[] doubles;
        private final Object[] texts;
        /** The records of plain cells in one pass; {@code null} when that does not apply. */
        private final CsvPlainRecords plain;

        Rows(Plan plan, Settings settings) {
            this.mapper = plan.mapper();
            this.width = plan.width();
            this.keep = plan.keep();
            this.allowMissingFields = settings.allowMissingFields();
            this.cells = new CsvCells(plan.width(), settings.quote());
            this.direct = mapper.direct();
            int n = direct == null ? 0 : direct.kinds().length;
            this.kinds = direct == null ? null : direct.kinds();
            this.fileColumn = new int[n];
            for (int i = 0; i < n; i++) {
                int source = direct.sourceColumns()[i];
                fileColumn[i] = keep == null ? source : keep[source];
            }
            this.constructor = direct == null ? null : direct.constructor();
            this.longs = new long[n];
            this.doubles = new double[n];
            this.texts = new Object[n];
            this.plain = direct == null ? null : CsvPlainRecords.of(settings.delimiter(), settings.quote(), width,
                    kinds, fileColumn, cells, longs, doubles, texts);
        }

        /**
         * Adds the records from the scanner's position on while they are plain, whole in its
         * buffer and start in its stretch; the scanner then stands at the first one that is not.
         */
        void addPlain(CsvScanner s, List<Object> out) throws CsvScanner.Unsupported {
            if (plain == null) {
                return;
            }
            byte[] b = s.buffer();
            int limit = s.limit();
            int stop = s.stretchEnd();
            int p = s.position();
            while (p < stop) {
                int next = plain.read(b, p, limit);
                if (next < 0) {
                    break;
                }
                out.add(construct());
                p = next;
            }
            s.skipTo(p);
        }

        void add(CsvScanner s, List<Object> out) throws CsvScanner.Unsupported {
            int found = s.fields();
            if (found != width && (found > width || !allowMissingFields)) {
                throw new CsvScanner.Unsupported("a row of " + found + " fields");
            }
            if (direct != null && found == width && addDirect(s, out)) {
                return;
            }
            String[] text = s.cells(cells);
            Object[] values = CsvDataset.row(text, keep);
            try {
                out.add(values instanceof String[] c ? mapper.mapText(c, 0) : mapper.map(values, 0));
            } catch (RuntimeException e) {
                throw new CsvScanner.Unsupported("a value that does not convert");
            }
        }

        private boolean addDirect(CsvScanner s, List<Object> out) throws CsvScanner.Unsupported {
            byte[] b = s.buffer();
            for (int i = 0; i < kinds.length; i++) {
                int f = fileColumn[i];
                boolean parsed = switch (kinds[i]) {
                    case RowMapper.Direct.LONG -> CsvCells.parseLong(b, s.start(f), s.end(f), 18, longs, i);
                    case RowMapper.Direct.INT -> CsvCells.parseLong(b, s.start(f), s.end(f), 9, longs, i);
                    case RowMapper.Direct.DOUBLE -> cells.parseDouble(b, s.start(f), s.end(f), doubles, i);
                    default -> {
                        texts[i] = cells.text(s, f, f);
                        yield true;
                    }
                };
                if (!parsed) {
                    return false;
                }
            }
            out.add(construct());
            return true;
        }

        /** The record of the values in the arrays. */
        private Object construct() throws CsvScanner.Unsupported {
            try {
                return constructor.construct(longs, doubles, texts);
            } catch (Error e) {
                throw e;
            } catch (Throwable e) {
                throw new CsvScanner.Unsupported("the constructor refused a row");
            }
        }
    }
}
