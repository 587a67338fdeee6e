package io.sluice.datasets.sql;

import java.sql.Connection;
import java.sql.DriverManager;

/**
 * Run in a child JVM by {@link DuckDbSessionsTest}: opens the DuckDB file given as argument, says
 * {@code ready} and keeps it open until its standard input ends — another process holding the
 * file, as a second {@code sluice run} would.
 */
public final class HoldDuckDbFile {
    private HoldDuckDbFile() {
    }

    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + args[0])) {
            System.out.println("ready");
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the test to close our input
            }
        }
    }
}
