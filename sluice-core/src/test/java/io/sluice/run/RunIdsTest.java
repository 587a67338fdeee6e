package io.sluice.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.SluiceException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunIdsTest {
    @Test
    void idsAreUniqueAndSortInCreationOrder() {
        RunIds generator = new RunIds();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(generator.next());
        }
        assertThat(new HashSet<>(ids)).hasSize(ids.size());
        assertThat(ids).isSorted();
        assertThat(ids.get(0)).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}\\.\\d{2}\\.\\d{2}\\.\\d{3}Z-[0-9a-f]{4}-[0-9a-f]{8}");
    }

    @Test
    void everyGeneratorDrawsItsOwnRandomTag() {
        java.util.Set<String> tags = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            String id = new RunIds().next();
            tags.add(id.substring(id.lastIndexOf('-') + 1));
        }
        // 50 draws of 32 bits: a repeat has a probability of 3e-7, a constant or weak source shows
        assertThat(tags).hasSize(50);
    }

    @Test
    void twoGeneratorsWorkingInTheSameMillisecondsNeverMakeTheSameId() throws Exception {
        RunIds a = new RunIds(0x0000beef);
        RunIds b = new RunIds(0x0000cafe);
        java.util.Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Thread other = new Thread(() -> {
            for (int i = 0; i < 20_000; i++) {
                assertThat(seen.add(b.next())).isTrue();
            }
        });
        other.start();
        for (int i = 0; i < 20_000; i++) {
            assertThat(seen.add(a.next())).isTrue();
        }
        other.join();
        assertThat(seen).hasSize(40_000);
        assertThat(a.next()).endsWith("-0000beef");
    }

    @Test
    void theIdStartsWithTheUtcTimeOfItsCreationToTheMillisecond() {
        java.time.format.DateTimeFormatter f = java.time.format.DateTimeFormatter
                .ofPattern("yyyy-MM-dd'T'HH.mm.ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC);
        RunIds generator = new RunIds();
        for (int i = 0; i < 2_000; i++) {
            long before = System.currentTimeMillis();
            String id = generator.next();
            long after = System.currentTimeMillis();
            long at = java.time.Instant.from(f.parse(id.substring(0, 24))).toEpochMilli();
            assertThat(at).as(id).isBetween(before, after);
        }
    }

    @Test
    void acceptsCallerIdsThatAreSafeFileNames() {
        assertThat(RunIds.validate("nightly-2026.11.22_a")).isEqualTo("nightly-2026.11.22_a");
    }

    @Test
    void rejectsIdsWithSeparatorsOrDotDot() {
        for (String bad : List.of("a/b", "..", "a..b", "", " x", "a\\b")) {
            assertThatThrownBy(() -> RunIds.validate(bad)).isInstanceOf(SluiceException.class);
        }
    }
}
