package io.sluice.datasets.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.io.ColumnConversions;
import io.sluice.io.Conversion;
import java.sql.Types;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When a load builds records straight from typed getters, and when it leaves them to RowMapper. */
class RecordReaderTest {
    public record Flat(long id, int n, double x, boolean flag, String s) {
    }

    public record WithDate(long id, LocalDate day) {
    }

    public record Boxed(Long id) {
    }

    static final List<String> FLAT = List.of("id", "n", "x", "flag", "s");
    static final int[] FLAT_TYPES = {Types.BIGINT, Types.INTEGER, Types.DOUBLE, Types.BOOLEAN, Types.VARCHAR};

    @Test
    void recordsOfExactlyNamedTypedColumnsAreReadDirectlyInAnyColumnOrder() {
        assertThat(RecordReader.of(Flat.class, FLAT, FLAT_TYPES, null)).isNotNull();
        assertThat(RecordReader.of(Flat.class, List.of("s", "extra", "flag", "x", "n", "id"),
                new int[] {Types.VARCHAR, Types.DATE, Types.BOOLEAN, Types.DOUBLE, Types.INTEGER, Types.BIGINT},
                ColumnConversions.none())).isNotNull();
    }

    @Test
    void everythingElseIsLeftToTheGeneralPath() {
        assertThat(RecordReader.of(Flat.class, List.of("ID", "n", "x", "flag", "s"), FLAT_TYPES, null))
                .as("a name matched only ignoring case").isNull();
        assertThat(RecordReader.of(Flat.class, FLAT,
                new int[] {Types.INTEGER, Types.INTEGER, Types.DOUBLE, Types.BOOLEAN, Types.VARCHAR}, null))
                .as("a column whose type needs a conversion").isNull();
        assertThat(RecordReader.of(Flat.class, FLAT, FLAT_TYPES,
                new ColumnConversions(Map.of("flag", Conversion.BOOLEAN))))
                .as("a column listed in load_args.parse").isNull();
        assertThat(RecordReader.of(WithDate.class, List.of("id", "day"), new int[] {Types.BIGINT, Types.DATE}, null))
                .as("a component type without a direct getter").isNull();
        assertThat(RecordReader.of(Boxed.class, List.of("id"), new int[] {Types.BIGINT}, null))
                .as("a boxed component").isNull();
        assertThat(RecordReader.of(Map.class, FLAT, FLAT_TYPES, null)).as("not a record").isNull();
    }
}
