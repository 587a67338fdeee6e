package io.sluice.datasets.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.io.DatasetConfig;
import io.sluice.io.DatasetException;
import io.sluice.resource.Resources;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sessions sharing a DuckDB file: each session's resources open the file on their own, DuckDB
 * shares one database per file per process, and another process cannot open it at all.
 */
class DuckDbSessionsTest {
    @TempDir
    Path project;

    private final Resources first = new Resources("session one");
    private final Resources second = new Resources("session two");

    @AfterEach
    void closeSessions() {
        first.close();
        second.close();
    }

    private TableDataset shuttles(Resources session, String url) {
        return new TableDataset(DatasetConfig.of("shuttles", TableDataset.TYPE,
                Map.of("table", "shuttles", "url", url), project, session));
    }

    private static List<Map<String, Object>> rows(int n) {
        return java.util.stream.IntStream.rangeClosed(1, n).mapToObj(i -> Map.<String, Object>of("id", (long) i))
                .toList();
    }

    @Test
    void twoSessionsOnOneFileSeeEachOthersSaves() {
        shuttles(first, "jdbc:duckdb:data/shared.duckdb").save(rows(3));

        assertThat(shuttles(second, "jdbc:duckdb:data/shared.duckdb").load()).hasSize(3);
    }

    @Test
    void closingOneSessionLeavesTheOtherWorkingOnTheSameFile() {
        TableDataset inFirst = shuttles(first, "jdbc:duckdb:data/shared.duckdb");
        TableDataset inSecond = shuttles(second, "jdbc:duckdb:data/shared.duckdb");
        inFirst.save(rows(2));
        inSecond.load();

        first.close();

        inSecond.save(rows(5));
        assertThat(inSecond.load()).hasSize(5);
        assertThatThrownBy(inFirst::load).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("The resources of session one are closed");
    }

    @Test
    void aSecondOpenOfTheFileWithOtherOptionsNamesTheFileAndTheFix() {
        shuttles(first, "jdbc:duckdb:data/shared.duckdb").save(rows(1));
        TableDataset readOnly = shuttles(second, "jdbc:duckdb:data/shared.duckdb;access_mode=READ_ONLY");

        assertThatThrownBy(readOnly::load).isInstanceOf(DatasetException.class)
                .hasMessageContaining("DuckDB database " + project.resolve("data/shared.duckdb")
                        + " is already open in this JVM with other options")
                .hasMessageContaining("use the same url everywhere, or another file");
    }

    @Test
    void aFileHeldByAnotherProcessNamesTheFileAndTheFix() throws Exception {
        Path file = project.resolve("data/held.duckdb");
        java.nio.file.Files.createDirectories(file.getParent());
        String classPath = classPathOf(HoldDuckDbFile.class) + File.pathSeparator
                + classPathOf(org.duckdb.DuckDBDriver.class);
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, HoldDuckDbFile.class.getName(), file.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                    StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("ready");

            assertThatThrownBy(() -> shuttles(first, "jdbc:duckdb:" + file).load())
                    .isInstanceOf(DatasetException.class)
                    .hasMessageContaining("DuckDB database " + file + " is in use by another process")
                    .hasMessageContaining("give each process its own file");
        } finally {
            holder.getOutputStream().close();
            if (!holder.waitFor(30, TimeUnit.SECONDS)) {
                holder.destroyForcibly();
            }
        }
        shuttles(first, "jdbc:duckdb:" + file).save(rows(1)); // free again once the other process ends
    }

    private static String classPathOf(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
