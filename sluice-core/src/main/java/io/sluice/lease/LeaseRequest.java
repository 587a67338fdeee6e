package io.sluice.lease;

import java.nio.file.Path;

/**
 * One piece of persisted data a run asks to hold.
 *
 * @param lockFile the file whose lock stands for the data (beside the data for files); its
 *                 absolute path is the identity of the data for every run of every process
 * @param mode     shared to read, exclusive to write
 * @param what     how messages name the data ({@code dataset 'x' (data/02_intermediate/x.csv)})
 */
public record LeaseRequest(Path lockFile, LeaseMode mode, String what) {
    public LeaseRequest {
        lockFile = lockFile.toAbsolutePath().normalize();
    }
}
