package io.sluice.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Type;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaTimeTest {
    @TempDir
    Path project;

    record Launch(String name, LocalDate day, Instant at) {
    }

    static List<Launch> launches;

    @Test
    void jsonWritesAndReadsJavaTimeValuesAsIsoStrings() throws Exception {
        JsonDataset ds = new JsonDataset(DatasetConfig.of("launches", "json", Map.of("filepath", "l.json"), project));
        List<Launch> value = List.of(new Launch("a", LocalDate.of(2026, 11, 22), Instant.parse("2026-11-22T03:00:00Z")));

        ds.save(value);

        assertThat(project.resolve("l.json")).content().contains("\"2026-11-22\"", "\"2026-11-22T03:00:00Z\"");
        Type listOfLaunch = JavaTimeTest.class.getDeclaredField("launches").getGenericType();
        assertThat(ds.load(listOfLaunch)).isEqualTo(value);
    }

    @Test
    void zonelessTimestampsFromDatabasesLoadAsUtcInstants() {
        RowMapper<Launch> mapper = RowMapper.of(Launch.class, List.of("name", "day", "at"), ColumnConversions.none(),
                "dataset 'launches' (sql.Table): launches");

        Launch l = mapper.map(new Object[] {"a", java.sql.Date.valueOf("2026-11-22"),
            LocalDateTime.of(2026, 11, 22, 3, 0)}, 1);

        assertThat(l).isEqualTo(new Launch("a", LocalDate.of(2026, 11, 22), Instant.parse("2026-11-22T03:00:00Z")));
    }
}
