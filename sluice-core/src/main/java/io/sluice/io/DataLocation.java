package io.sluice.io;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where a dataset's persisted data lives, as the session's leases need it: the lock file that
 * stands for the data in every process, and how messages name it.
 *
 * @param lockFile the lock file: {@code .<name>.lock} beside a file or folder; for data that is
 *                 not a file (a database table) a file under the project's {@code .sluice/leases}
 *                 named by a hash of what identifies the data
 * @param display  the data as messages show it ({@code data/02_intermediate/x.csv})
 */
public record DataLocation(Path lockFile, String display) {

    /** The location of a file or folder of data. */
    public static DataLocation file(Path data, String display) {
        Path abs = data.toAbsolutePath().normalize();
        return new DataLocation(abs.resolveSibling("." + abs.getFileName() + ".lock"), display);
    }

    /**
     * The location of data that is not a file, identified by {@code identity} (e.g. the database
     * URL without password, and the table): its lock file lives under the project, so runs of
     * this project coordinate; runs of other projects writing the same table are not seen.
     */
    public static DataLocation other(Path projectDir, String identity, String display) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            String name = HexFormat.of().formatHex(digest, 0, 16) + ".lock";
            return new DataLocation(projectDir.toAbsolutePath().normalize().resolve(".sluice").resolve("leases")
                    .resolve(name), display);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
