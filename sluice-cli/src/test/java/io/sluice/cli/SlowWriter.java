package io.sluice.cli;

import io.sluice.io.AtomicFiles;
import java.nio.file.Path;

/**
 * A process that starts an atomic write of the file named by its argument, writes 1 MiB and then
 * waits to be killed: what a save interrupted by {@code kill -9} leaves behind.
 */
public final class SlowWriter {
    private SlowWriter() {
    }

    public static void main(String[] args) throws Exception {
        AtomicFiles.write(Path.of(args[0]), out -> {
            out.write(new byte[1 << 20]);
            out.flush();
            System.out.println("writing");
            System.out.flush();
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
