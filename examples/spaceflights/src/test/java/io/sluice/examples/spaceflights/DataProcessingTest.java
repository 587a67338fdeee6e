package io.sluice.examples.spaceflights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DataProcessingTest {

    @Test
    void percentagesBecomeFractions() {
        assertThat(DataProcessing.parsePercentage("90%")).isEqualTo(0.9);
        assertThat(DataProcessing.parsePercentage("100%")).isEqualTo(1.0);
        assertThat(DataProcessing.parsePercentage("12.5%")).isEqualTo(0.125);
        assertThat(DataProcessing.parsePercentage(" 7% ")).isEqualTo(0.07);
    }

    @Test
    void anEmptyCellIsAMissingValue() {
        assertThat(DataProcessing.parsePercentage("")).isNull();
        assertThat(DataProcessing.parsePercentage(null)).isNull();
        assertThat(DataProcessing.parseMoney("")).isNull();
        assertThat(DataProcessing.isTrue(null)).isNull();
    }

    @Test
    void pricesInDollarsBecomeNumbers() {
        assertThat(DataProcessing.parseMoney("$1,325.0")).isEqualTo(1325.0);
        assertThat(DataProcessing.parseMoney("$950.5")).isEqualTo(950.5);
        assertThat(DataProcessing.parseMoney("$12,345,678.0")).isEqualTo(12_345_678.0);
    }

    @Test
    void tAndFAreBooleans() {
        assertThat(DataProcessing.isTrue("t")).isTrue();
        assertThat(DataProcessing.isTrue("f")).isFalse();
    }

    @Test
    void malformedValuesAreErrorsNamingTheValue() {
        assertThatThrownBy(() -> DataProcessing.parsePercentage("90"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"90\"");
        assertThatThrownBy(() -> DataProcessing.parsePercentage("n/a%"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"n/a%\"");
        assertThatThrownBy(() -> DataProcessing.parseMoney("1,325.0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"1,325.0\"");
        assertThatThrownBy(() -> DataProcessing.isTrue("yes"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"yes\"");
    }

    @Test
    void preprocessCompaniesParsesRatingAndApproval() {
        List<PreprocessedCompany> out = DataProcessing.preprocessCompanies(List.of(
                new Company(1, "90%", "Niue", 3.0, "t"),
                new Company(2, "", "Malta", null, "f")));

        assertThat(out).containsExactly(
                new PreprocessedCompany(1, 0.9, "Niue", 3.0, true),
                new PreprocessedCompany(2, null, "Malta", null, false));
    }

    @Test
    void preprocessShuttlesParsesChecksAndPrice() {
        List<PreprocessedShuttle> out = DataProcessing.preprocessShuttles(List.of(
                new Shuttle(7, "Chile", "Type V5", "Plasma", "Orbital Drives", 2.0, 4, "strict", 3.0, "t", "f",
                        "$1,325.0", 1)));

        assertThat(out).containsExactly(new PreprocessedShuttle(7, "Chile", "Type V5", "Plasma", "Orbital Drives",
                2.0, 4, "strict", 3.0, true, false, 1325.0, 1));
    }

    private static PreprocessedShuttle shuttle(int id, Double crew, double price, int companyId) {
        return new PreprocessedShuttle(id, "Chile", "Type V5", "Plasma", "Orbital Drives", 2.0, 4, "strict", crew,
                true, false, price, companyId);
    }

    private static Review review(int shuttleId, Double rating) {
        return new Review(shuttleId, rating, 9.0, 8.0, 9.0, 10.0, 9.0, 8.0, 12, 0.5);
    }

    @Test
    void theModelInputTableJoinsShuttlesReviewsAndCompaniesAndDropsIncompleteRows() {
        List<PreprocessedShuttle> shuttles = List.of(
                shuttle(10, 3.0, 1000, 1),   // kept
                shuttle(11, null, 1100, 1),  // dropped: no crew
                shuttle(12, 2.0, 1200, 2),   // dropped: company 2 has no rating
                shuttle(13, 2.0, 1300, 9),   // dropped: no company 9
                shuttle(14, 2.0, 1400, 1),   // dropped: not reviewed
                shuttle(15, 4.0, 1500, 3));  // kept, once per complete review
        List<PreprocessedCompany> companies = List.of(
                new PreprocessedCompany(1, 0.9, "Niue", 3.0, true),
                new PreprocessedCompany(2, null, "Malta", 1.0, false),
                new PreprocessedCompany(3, 0.75, "Peru", 2.0, false));
        List<Review> reviews = List.of(
                review(15, 80.0), review(10, 95.0), review(11, 90.0), review(12, 90.0), review(13, 90.0),
                review(15, null), review(15, 70.0), review(99, 90.0));

        List<ModelInputRow> table = DataProcessing.createModelInputTable(shuttles, companies, reviews);

        assertThat(table).extracting(ModelInputRow::id, ModelInputRow::price, ModelInputRow::company_rating,
                        ModelInputRow::iata_approved, ModelInputRow::review_scores_rating)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(10, 1000.0, 0.9, true, 95.0),
                        org.assertj.core.groups.Tuple.tuple(15, 1500.0, 0.75, false, 80.0),
                        org.assertj.core.groups.Tuple.tuple(15, 1500.0, 0.75, false, 70.0));
        assertThat(table.get(0)).isEqualTo(new ModelInputRow(10, "Chile", "Type V5", "Plasma", "Orbital Drives",
                2.0, 4, "strict", 3.0, true, false, 1000.0, 1, 0.9, "Niue", 3.0, true, 95.0, 9.0, 8.0, 9.0, 10.0,
                9.0, 8.0, 12, 0.5));
    }

    @Test
    void aCompanyIdListedTwiceIsAnError() {
        List<PreprocessedCompany> companies = List.of(new PreprocessedCompany(1, 0.9, "Niue", 3.0, true),
                new PreprocessedCompany(1, 0.8, "Malta", 1.0, false));

        assertThatThrownBy(() -> DataProcessing.createModelInputTable(List.of(), companies, List.of()))
                .hasMessageContaining("id 1 appears twice");
    }
}
