package io.sluice.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RowMapperTest {
    private static final String WHERE = "dataset 'shuttles' (csv): data/01_raw/shuttles.csv";

    enum Engine { DIESEL, ELECTRIC }

    record RawShuttle(String id, double price, Integer engines, Boolean iataApproved, LocalDate since, Engine engine) {
    }

    record Flight(int seats, LocalDate day, double fare, LocalDateTime departs, Instant booked, long passengers) {
    }

    record WithOptional(String id, Optional<Integer> rank) {
    }

    /** A POJO: public no-arg constructor, a setter and a public field. */
    public static final class Bean {
        private String name;
        public int count;

        public void setName(String name) {
            this.name = name;
        }

        public String getName() {
            return name;
        }
    }

    private static <E> RowMapper<E> mapper(Class<E> type, List<String> columns, Map<String, Conversion> conversions) {
        return RowMapper.of(type, columns, new ColumnConversions(conversions), WHERE);
    }

    @Test
    void elementTypeReadsListsCollectionsAndIterablesAndRefusesTheRest() {
        assertThat(RowMapper.elementType(new TypeReference<List<RawShuttle>>() { }.getType())).isEqualTo(RawShuttle.class);
        assertThat(RowMapper.elementType(new TypeReference<Iterable<? extends RawShuttle>>() { }.getType()))
                .isEqualTo(RawShuttle.class);
        assertThat(RowMapper.elementType(List.class)).isEqualTo(Object.class);
        assertThat(RowMapper.elementType(Object.class)).isEqualTo(Object.class);
        assertThat(RowMapper.elementType(RawShuttle.class)).isNull();
        assertThat(RowMapper.elementType(Map.class)).isNull();
    }

    @Test
    void mapsTextOntoARecordByColumnNameIgnoringCaseAndSeparators() {
        RowMapper<RawShuttle> m = mapper(RawShuttle.class,
                List.of("engine", "id", "price", "engines", "iata_approved", "since", "extra"), Map.of());

        RawShuttle s = m.map(new Object[] {"electric", "s1", "12.5", "3", "true", "2024-01-31", "x"}, 1);

        assertThat(s).isEqualTo(new RawShuttle("s1", 12.5, 3, true, LocalDate.of(2024, 1, 31), Engine.ELECTRIC));
    }

    @Test
    void emptyTextIsNullForBoxedTypesAndAnErrorForPrimitives() {
        RowMapper<RawShuttle> m = mapper(RawShuttle.class,
                List.of("id", "price", "engines", "iata_approved", "since", "engine"), Map.of());

        assertThat(m.map(new Object[] {"", "1", "", "", "", ""}, 1))
                .isEqualTo(new RawShuttle("", 1.0, null, null, null, null));
        assertThatThrownBy(() -> m.map(new Object[] {"s1", "", "1"}, 7))
                .isInstanceOf(DatasetException.class)
                .hasMessage(WHERE + " row 7, column 'price' has no value, but RawShuttle.price is a double. Fill in"
                        + " the value, or declare the field as Double to accept empty values.");
    }

    @Test
    void aValueThatDoesNotConvertNamesRowColumnValueAndField() {
        RowMapper<RawShuttle> m = mapper(RawShuttle.class,
                List.of("id", "price", "engines", "iata_approved", "since", "engine"), Map.of());

        assertThatThrownBy(() -> m.map(new Object[] {"s1", "abc", "1", "true", "2024-01-01", "DIESEL"}, 12))
                .isInstanceOf(DatasetException.class)
                .hasMessage(WHERE + " row 12, column 'price': cannot convert \"abc\" to double (RawShuttle.price)."
                        + " Fix the value, or ask for a conversion in load_args.parse.");
    }

    @Test
    void currencyPercentAndLenientBooleansOnlyWhereAsked() {
        record Listing(double price, double rating, boolean approved, BigDecimal cost) {
        }
        List<String> columns = List.of("price", "rating", "approved", "cost");
        Object[] row = {"$1,325.0", "45%", "t", "€ 1.50"};
        RowMapper<Listing> asked = mapper(Listing.class, columns, Map.of("price", Conversion.CURRENCY,
                "rating", Conversion.PERCENT, "approved", Conversion.BOOLEAN, "cost", Conversion.CURRENCY));

        assertThat(asked.map(row, 1)).isEqualTo(new Listing(1325.0, 0.45, true, new BigDecimal("1.50")));
        assertThat(asked.map(new Object[] {"(12.50)", "7.5", "No", "0"}, 2))
                .isEqualTo(new Listing(-12.5, 0.075, false, BigDecimal.ZERO));
        assertThatThrownBy(() -> mapper(Listing.class, columns, Map.of()).map(row, 3))
                .hasMessage(WHERE + " row 3, column 'price': cannot convert \"$1,325.0\" to double (Listing.price)."
                        + " Fix the value, or ask for a conversion in load_args.parse.");
        assertThatThrownBy(() -> asked.map(new Object[] {"1", "2", "maybe", "3"}, 4))
                .hasMessage(WHERE + " row 4, column 'approved': cannot convert \"maybe\" to boolean as boolean"
                        + " (Listing.approved). Fix the value.");
    }

    @Test
    void plainBooleansAreAlwaysAccepted() {
        record Flag(boolean on) {
        }
        RowMapper<Flag> m = mapper(Flag.class, List.of("on"), Map.of());

        assertThat(m.map(new Object[] {"TRUE"}, 1)).isEqualTo(new Flag(true));
        assertThatThrownBy(() -> m.map(new Object[] {"t"}, 2))
                .hasMessage(WHERE + " row 2, column 'on': cannot convert \"t\" to boolean (Flag.on). Fix the value,"
                        + " or ask for a conversion in load_args.parse.");
    }

    @Test
    void convertsJdbcValues() {
        RowMapper<Flight> m = mapper(Flight.class,
                List.of("seats", "day", "fare", "departs", "booked", "passengers"), Map.of());

        Flight f = m.map(new Object[] {42L, java.sql.Date.valueOf("2024-03-01"), new BigDecimal("99.90"),
                java.sql.Timestamp.valueOf("2024-03-01 10:15:00"),
                java.sql.Timestamp.from(Instant.parse("2024-02-01T00:00:00Z")), 7}, 1);

        assertThat(f).isEqualTo(new Flight(42, LocalDate.of(2024, 3, 1), 99.9, LocalDateTime.of(2024, 3, 1, 10, 15),
                Instant.parse("2024-02-01T00:00:00Z"), 7L));
    }

    @Test
    void aJdbcNumberOutOfRangeIsReportedWithItsType() {
        RowMapper<Flight> m = mapper(Flight.class,
                List.of("seats", "day", "fare", "departs", "booked", "passengers"), Map.of());

        assertThatThrownBy(() -> m.map(new Object[] {3_000_000_000L, null, 1.0, null, null, 1L}, 5))
                .hasMessage(WHERE + " row 5, column 'seats': cannot convert 3000000000 (Long) to int (Flight.seats)."
                        + " Fix the value, or change the field's type.");
    }

    @Test
    void aRecordComponentWithoutAColumnIsAnErrorUnlessOptional() {
        assertThatThrownBy(() -> mapper(RawShuttle.class, List.of("id", "prices"), Map.of()))
                .isInstanceOf(DatasetException.class)
                .hasMessage(WHERE + ": no column for RawShuttle.price (columns: id, prices). Did you mean 'prices'?"
                        + " Add the column, rename the component to match one, or declare it Optional<Double> to"
                        + " accept its absence.");

        RowMapper<WithOptional> m = mapper(WithOptional.class, List.of("id"), Map.of());
        assertThat(m.map(new Object[] {"a"}, 1)).isEqualTo(new WithOptional("a", Optional.empty()));
        RowMapper<WithOptional> both = mapper(WithOptional.class, List.of("id", "rank"), Map.of());
        assertThat(both.map(new Object[] {"a", "3"}, 1)).isEqualTo(new WithOptional("a", Optional.of(3)));
        assertThat(both.map(new Object[] {"a", ""}, 1)).isEqualTo(new WithOptional("a", Optional.empty()));
    }

    @Test
    void mapsOntoPojosThroughSettersAndPublicFields() {
        RowMapper<Bean> m = mapper(Bean.class, List.of("name", "count", "other"), Map.of());

        Bean b = m.map(new Object[] {"x", "4", "y"}, 1);

        assertThat(b.getName()).isEqualTo("x");
        assertThat(b.count).isEqualTo(4);
    }

    @Test
    void untypedRowsAreOrderedMapsOfRawValuesWithAskedConversions() {
        RowMapper<Object> m = RowMapper.of(Object.class, List.of("b", "a", "price"),
                new ColumnConversions(Map.of("price", Conversion.CURRENCY)), WHERE);

        Object row = m.map(new Object[] {"2", "1", "$3.5"}, 1);

        assertThat(row).isInstanceOf(LinkedHashMap.class);
        assertThat(TestConfigs.objects(((Map<?, ?>) row).keySet())).containsExactly("b", "a", "price");
        assertThat(row).isEqualTo(Map.of("b", "2", "a", "1", "price", 3.5));
    }

    @Test
    void typedMapsConvertEveryColumn() {
        RowMapper<Map<String, Double>> m = RowMapper.of(new TypeReference<Map<String, Double>>() { }.getType(),
                List.of("x", "y"), ColumnConversions.none(), WHERE);

        Map<String, Double> expected = new LinkedHashMap<>();
        expected.put("x", 1.5);
        expected.put("y", null);
        assertThat(m.map(new Object[] {"1.5", ""}, 1)).isEqualTo(expected);
    }

    @Test
    void typesThatAreNotRowsAreRefused() {
        assertThat(RowMapper.incompatibility(Integer.class)).contains("a row maps to a record, a POJO (public no-arg"
                + " constructor and setters or public fields) or a Map<String, ?>, not Integer");
        assertThatThrownBy(() -> RowMapper.of(String.class, List.of("a"), ColumnConversions.none(), WHERE))
                .hasMessage(WHERE + ": cannot load rows as String: a row maps to a record, a POJO (public no-arg"
                        + " constructor and setters or public fields) or a Map<String, ?>, not String.");
    }

    @Test
    void extractsRecordsBeansAndMapsForSaving() {
        RowExtractor<RawShuttle> records = RowExtractor.of(RawShuttle.class, List.of());
        assertThat(records.columns()).containsExactly("id", "price", "engines", "iataApproved", "since", "engine");
        assertThat(records.values(new RawShuttle("a", 1.0, null, true, null, Engine.DIESEL)))
                .containsExactly("a", 1.0, null, true, null, Engine.DIESEL);

        Bean bean = new Bean();
        bean.setName("n");
        bean.count = 2;
        RowExtractor<Bean> beans = RowExtractor.of(Bean.class, List.of());
        assertThat(beans.columns()).containsExactly("name", "count");
        assertThat(beans.values(bean)).containsExactly("n", 2);

        List<Map<String, Object>> rows = List.of(TestConfigs.map("a", 1, "b", 2), TestConfigs.map("c", 3, "a", 4));
        RowExtractor<Map<String, Object>> maps = RowExtractor.of(Map.class, rows);
        assertThat(maps.columns()).containsExactly("a", "b", "c");
        assertThat(maps.values(rows.get(1))).containsExactly(4, null, 3);
    }
}
