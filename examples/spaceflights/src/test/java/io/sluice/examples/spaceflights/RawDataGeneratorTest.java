package io.sluice.examples.spaceflights;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.test.ProjectDirs;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RawDataGeneratorTest {

    @Test
    void theCommittedRawDataIsWhatTheGeneratorWrites() {
        Map<String, String> files = RawDataGenerator.generate();

        assertThat(files).containsOnlyKeys("companies.csv", "shuttles.csv", "reviews.csv");
        files.forEach((name, content) -> assertThat(ProjectDirs.read(ProjectDirs.moduleDir().resolve(
                "data/01_raw/" + name))).as(name + " (regenerate: see RawDataGenerator)").isEqualTo(content));
    }

    @Test
    void pricesAreWrittenAsKedroWritesThem() {
        assertThat(RawDataGenerator.money(1325)).isEqualTo("$1,325.0");
        assertThat(RawDataGenerator.money(950)).isEqualTo("$950.0");
    }
}
