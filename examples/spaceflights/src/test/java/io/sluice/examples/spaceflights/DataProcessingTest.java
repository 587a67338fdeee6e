package io.sluice.examples.spaceflights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DataProcessingTest {

    private static Company company(int id, Double rating, Double fleet) {
        return new Company(id, rating, "Niue", fleet, true);
    }

    private static Shuttle rawShuttle(int id, Double engines, Double crew, Double price) {
        return new Shuttle(id, "Chile", "Type V5", "Plasma", "Orbital Drives", engines, 4, "strict", crew, true, false,
                price, 1);
    }

    @Test
    void preprocessCompaniesKeepsTheTypedValuesAndMakesTheFleetAWholeNumber() {
        List<PreprocessedCompany> out = DataProcessing.preprocessCompanies(List.of(
                new Company(1, 0.9, "Niue", 3.0, true),
                new Company(2, null, "Malta", null, false)));

        assertThat(out).containsExactly(
                new PreprocessedCompany(1, 0.9, "Niue", 3, true),
                new PreprocessedCompany(2, null, "Malta", null, false));
    }

    @Test
    void preprocessShuttlesMakesEnginesAndCrewWholeNumbers() {
        List<PreprocessedShuttle> out = DataProcessing.preprocessShuttles(List.of(
                rawShuttle(7, 2.0, 3.0, 1325.0), rawShuttle(8, null, null, null)));

        assertThat(out).containsExactly(
                new PreprocessedShuttle(7, "Chile", "Type V5", "Plasma", "Orbital Drives", 2, 4, "strict", 3, true, false,
                        1325.0, 1),
                new PreprocessedShuttle(8, "Chile", "Type V5", "Plasma", "Orbital Drives", null, 4, "strict", null, true,
                        false, null, 1));
    }

    @Test
    void impossibleValuesAreErrorsNamingTheRowAndColumn() {
        assertThatThrownBy(() -> DataProcessing.preprocessCompanies(List.of(company(5, 1.2, 3.0))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("company 5: company_rating must be between 0% and 100%, got 120.0%");
        assertThatThrownBy(() -> DataProcessing.preprocessCompanies(List.of(company(6, 0.5, 2.5))))
                .hasMessage("company 6: total_fleet_count must be a whole number of at least 0, got 2.5");
        assertThatThrownBy(() -> DataProcessing.preprocessShuttles(List.of(rawShuttle(7, -1.0, 3.0, 100.0))))
                .hasMessage("shuttle 7: engines must be a whole number of at least 0, got -1.0");
        assertThatThrownBy(() -> DataProcessing.preprocessShuttles(List.of(rawShuttle(8, 1.0, 3.0, -5.0))))
                .hasMessage("shuttle 8: price must not be negative, got -5.0");
    }

    private static PreprocessedShuttle shuttle(int id, Integer crew, double price, int companyId) {
        return new PreprocessedShuttle(id, "Chile", "Type V5", "Plasma", "Orbital Drives", 2, 4, "strict", crew,
                true, false, price, companyId);
    }

    private static Review review(int shuttleId, Double rating) {
        return new Review(shuttleId, rating, 9.0, 8.0, 9.0, 10.0, 9.0, 8.0, 12, 0.5);
    }

    @Test
    void theModelInputTableJoinsShuttlesReviewsAndCompaniesAndDropsIncompleteRows() {
        List<PreprocessedShuttle> shuttles = List.of(
                shuttle(10, 3, 1000, 1),   // kept
                shuttle(11, null, 1100, 1),  // dropped: no crew
                shuttle(12, 2, 1200, 2),   // dropped: company 2 has no rating
                shuttle(13, 2, 1300, 9),   // dropped: no company 9
                shuttle(14, 2, 1400, 1),   // dropped: not reviewed
                shuttle(15, 4, 1500, 3));  // kept, once per complete review
        List<PreprocessedCompany> companies = List.of(
                new PreprocessedCompany(1, 0.9, "Niue", 3, true),
                new PreprocessedCompany(2, null, "Malta", 1, false),
                new PreprocessedCompany(3, 0.75, "Peru", 2, false));
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
                2, 4, "strict", 3, true, false, 1000.0, 1, 0.9, "Niue", 3, true, 95.0, 9.0, 8.0, 9.0, 10.0,
                9.0, 8.0, 12, 0.5));
    }

    @Test
    void aCompanyIdListedTwiceIsAnError() {
        List<PreprocessedCompany> companies = List.of(new PreprocessedCompany(1, 0.9, "Niue", 3, true),
                new PreprocessedCompany(1, 0.8, "Malta", 1, false));

        assertThatThrownBy(() -> DataProcessing.createModelInputTable(List.of(), companies, List.of()))
                .hasMessageContaining("id 1 appears twice");
    }
}
