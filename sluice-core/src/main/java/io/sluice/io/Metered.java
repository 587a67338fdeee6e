package io.sluice.io;

import io.sluice.run.Progress;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Streams that count the bytes passing through them into a {@link Progress.Task}, in steps of
 * {@value #STEP} bytes (a report per block, not per byte). Only used when the task is active: a
 * run that shows no progress reads and writes the streams themselves.
 */
final class Metered {
    /** Bytes gathered before a report. */
    static final int STEP = 64 * 1024;

    private Metered() {
    }

    /** Bytes read from {@code in} counted into {@code task}; {@link In#report()} reports the last. */
    static In input(InputStream in, Progress.Task task) {
        return new In(in, task);
    }

    /** Bytes written to {@code out} counted into {@code task}; {@link Out#report()} reports the last. */
    static Out output(OutputStream out, Progress.Task task) {
        return new Out(out, task);
    }

    static final class In extends FilterInputStream {
        private final Progress.Task task;
        private long pending;

        In(InputStream in, Progress.Task task) {
            super(in);
            this.task = task;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = in.skip(n);
            if (skipped > 0) {
                count(skipped);
            }
            return skipped;
        }

        private void count(long n) {
            pending += n;
            if (pending >= STEP) {
                task.add(pending);
                pending = 0;
            }
        }

        /** Reports the bytes counted since the last report. */
        void report() {
            if (pending > 0) {
                task.add(pending);
                pending = 0;
            }
        }

        /** No mark and reset: bytes read again would be counted twice. A reader that needs them buffers. */
        @Override
        public boolean markSupported() {
            return false;
        }

        @Override
        public synchronized void mark(int readlimit) {
        }

        @Override
        public synchronized void reset() throws IOException {
            throw new IOException("mark/reset not supported");
        }

        @Override
        public void close() throws IOException {
            report();
            super.close();
        }
    }

    static final class Out extends FilterOutputStream {
        private final Progress.Task task;
        private long pending;

        Out(OutputStream out, Progress.Task task) {
            super(out);
            this.task = task;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count(1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count(len);
        }

        private void count(long n) {
            pending += n;
            if (pending >= STEP) {
                task.add(pending);
                pending = 0;
            }
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        /** Reports the bytes counted since the last report. */
        void report() {
            if (pending > 0) {
                task.add(pending);
                pending = 0;
            }
        }

        @Override
        public void close() throws IOException {
            report();
            super.close();
        }
    }
}
