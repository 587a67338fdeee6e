package io.sluice.io;

import static io.sluice.io.TestConfigs.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON a dataset writes does not depend on the JVM's salt for {@code Map.of}/{@code Set.of}. */
class StableOrderTest {
    record Metrics(String model, Map<String, Double> scores, Set<String> features) {
    }

    @TempDir
    Path project;

    private String saved(Object value) throws Exception {
        JsonDataset ds = new JsonDataset(DatasetConfig.of("out", "json", map("filepath", "out.json"), project));
        ds.save(value);
        return Files.readString(project.resolve("out.json"), StandardCharsets.UTF_8);
    }

    @Test
    void mapOfIsWrittenInKeyOrderAtEveryDepth() throws Exception {
        Map<String, Integer> ten = Map.of("j", 10, "c", 3, "a", 1, "h", 8, "e", 5, "b", 2, "g", 7, "d", 4,
                "i", 9, "f", 6);

        assertThat(saved(ten)).isEqualTo("{\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":5,\"f\":6,\"g\":7,\"h\":8,\"i\":9,\"j\":10}");
        assertThat(saved(List.of(Map.of("z", 1, "y", 2, "x", 3))))
                .isEqualTo("[{\"x\":3,\"y\":2,\"z\":1}]");
        assertThat(saved(new Metrics("m", Map.of("r2", 0.5, "mae", 1.5, "mse", 2.0, "ev", 0.4),
                Set.of("engines", "crew", "rating", "capacity"))))
                .isEqualTo("{\"model\":\"m\",\"scores\":{\"ev\":0.4,\"mae\":1.5,\"mse\":2.0,\"r2\":0.5},"
                        + "\"features\":[\"capacity\",\"crew\",\"engines\",\"rating\"]}");
    }

    @Test
    void numericKeysSortAsNumbersAndMixedKeysByTheirText() throws Exception {
        assertThat(saved(Map.of(10, "ten", 9, "nine", 100, "hundred")))
                .isEqualTo("{\"9\":\"nine\",\"10\":\"ten\",\"100\":\"hundred\"}");
        assertThat(saved(Set.of(3, "b", 1, "a"))).isEqualTo("[1,3,\"a\",\"b\"]");
    }

    @Test
    void orderedMapsAndListsKeepTheirOwnOrder() throws Exception {
        Map<String, Integer> inserted = new LinkedHashMap<>();
        inserted.put("zeta", 1);
        inserted.put("alpha", 2);
        inserted.put("mid", 3);

        assertThat(saved(inserted)).isEqualTo("{\"zeta\":1,\"alpha\":2,\"mid\":3}");
        assertThat(saved(List.of("c", "a", "b"))).isEqualTo("[\"c\",\"a\",\"b\"]");
    }
}
