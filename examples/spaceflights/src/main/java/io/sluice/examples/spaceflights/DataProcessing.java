package io.sluice.examples.spaceflights;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The nodes of the {@code data_processing} pipeline: plain static methods over typed rows, as in
 * Kedro's spaceflights {@code nodes.py}. Where Kedro's nodes parse {@code "90%"}, {@code t}/{@code f}
 * and {@code "$1,325.0"}, here the catalog does ({@code load_args.parse} in {@code catalog.yml}),
 * so the nodes receive numbers and booleans and only check and narrow them.
 */
public final class DataProcessing {
    private DataProcessing() {
    }

    /**
     * Checks the companies the catalog has typed (ratings as fractions, approval as booleans) and
     * narrows the fleet count, written {@code 3.0} in the file, to a whole number.
     *
     * @throws IllegalArgumentException naming the company, for a rating outside 0 to 100 % or a
     *                                  fleet that is not a whole non-negative number
     */
    public static List<PreprocessedCompany> preprocessCompanies(List<Company> companies) {
        return companies.stream()
                .map(c -> {
                    String where = "company " + c.id();
                    if (c.company_rating() != null && !(c.company_rating() >= 0 && c.company_rating() <= 1)) {
                        throw new IllegalArgumentException(where + ": company_rating must be between 0% and 100%, got "
                                + c.company_rating() * 100 + "%");
                    }
                    return new PreprocessedCompany(c.id(), c.company_rating(), c.company_location(),
                            wholeNumber(c.total_fleet_count(), where, "total_fleet_count"), c.iata_approved());
                })
                .toList();
    }

    /**
     * Checks the shuttles the catalog has typed (checks as booleans, prices as dollars) and narrows
     * engines and crew, written {@code 2.0} in the file, to whole numbers.
     *
     * @throws IllegalArgumentException naming the shuttle, for a negative price, or engines or
     *                                  crew that are not whole non-negative numbers
     */
    public static List<PreprocessedShuttle> preprocessShuttles(List<Shuttle> shuttles) {
        return shuttles.stream()
                .map(s -> {
                    String where = "shuttle " + s.id();
                    if (s.price() != null && !(s.price() >= 0)) {
                        throw new IllegalArgumentException(where + ": price must not be negative, got " + s.price());
                    }
                    return new PreprocessedShuttle(s.id(), s.shuttle_location(), s.shuttle_type(), s.engine_type(),
                            s.engine_vendor(), wholeNumber(s.engines(), where, "engines"), s.passenger_capacity(),
                            s.cancellation_policy(), wholeNumber(s.crew(), where, "crew"), s.d_check_complete(),
                            s.moon_clearance_complete(), s.price(), s.company_id());
                })
                .toList();
    }

    /**
     * {@code 3.0} as 3; {@code null} as {@code null}.
     *
     * @throws IllegalArgumentException for a fraction or a negative number, naming the row and column
     */
    static Integer wholeNumber(Double value, String where, String column) {
        if (value == null) {
            return null;
        }
        if (!(value >= 0 && value <= Integer.MAX_VALUE && value == Math.rint(value))) {
            throw new IllegalArgumentException(where + ": " + column + " must be a whole number of at least 0, got "
                    + value);
        }
        return value.intValue();
    }

    /**
     * Joins each shuttle with its reviews (by {@code shuttle_id}) and its company (by
     * {@code company_id}), as inner joins in the shuttles' order, and drops the rows with a
     * missing value: Kedro's {@code merge}, {@code merge}, {@code dropna}.
     */
    public static List<ModelInputRow> createModelInputTable(List<PreprocessedShuttle> shuttles,
                                                            List<PreprocessedCompany> companies,
                                                            List<Review> reviews) {
        Map<Integer, PreprocessedCompany> companyById = companies.stream()
                .collect(Collectors.toMap(PreprocessedCompany::id, Function.identity(), (a, b) -> {
                    throw new IllegalArgumentException("companies: id " + a.id() + " appears twice");
                }));
        Map<Integer, List<Review>> reviewsByShuttle = new HashMap<>();
        for (Review r : reviews) {
            reviewsByShuttle.computeIfAbsent(r.shuttle_id(), k -> new ArrayList<>()).add(r);
        }
        List<ModelInputRow> table = new ArrayList<>();
        for (PreprocessedShuttle s : shuttles) {
            PreprocessedCompany c = companyById.get(s.company_id());
            if (c == null || !complete(s, c)) {
                continue;
            }
            for (Review r : reviewsByShuttle.getOrDefault(s.id(), List.of())) {
                if (complete(r)) {
                    table.add(row(s, c, r));
                }
            }
        }
        return table;
    }

    private static boolean complete(PreprocessedShuttle s, PreprocessedCompany c) {
        return allPresent(s.shuttle_location(), s.shuttle_type(), s.engine_type(), s.engine_vendor(), s.engines(),
                s.passenger_capacity(), s.cancellation_policy(), s.crew(), s.d_check_complete(),
                s.moon_clearance_complete(), s.price(), c.company_rating(), c.company_location(),
                c.total_fleet_count(), c.iata_approved());
    }

    private static boolean complete(Review r) {
        return allPresent(r.review_scores_rating(), r.review_scores_comfort(), r.review_scores_amenities(),
                r.review_scores_trip(), r.review_scores_crew(), r.review_scores_location(), r.review_scores_price(),
                r.number_of_reviews(), r.reviews_per_month());
    }

    private static boolean allPresent(Object... values) {
        for (Object v : values) {
            if (v == null) {
                return false;
            }
        }
        return true;
    }

    private static ModelInputRow row(PreprocessedShuttle s, PreprocessedCompany c, Review r) {
        return new ModelInputRow(s.id(), s.shuttle_location(), s.shuttle_type(), s.engine_type(), s.engine_vendor(),
                s.engines(), s.passenger_capacity(), s.cancellation_policy(), s.crew(), s.d_check_complete(),
                s.moon_clearance_complete(), s.price(), s.company_id(), c.company_rating(), c.company_location(),
                c.total_fleet_count(), c.iata_approved(), r.review_scores_rating(), r.review_scores_comfort(),
                r.review_scores_amenities(), r.review_scores_trip(), r.review_scores_crew(),
                r.review_scores_location(), r.review_scores_price(), r.number_of_reviews(), r.reviews_per_month());
    }
}
