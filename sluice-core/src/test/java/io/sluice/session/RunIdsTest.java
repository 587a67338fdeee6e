package io.sluice.session;

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
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(RunIds.next());
        }
        assertThat(new HashSet<>(ids)).hasSize(ids.size());
        assertThat(ids).isSorted();
        assertThat(ids.get(0)).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}\\.\\d{2}\\.\\d{2}\\.\\d{3}Z-[0-9a-f]{8}");
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
