package io.sluice.examples.spaceflights;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The nodes of the {@code data_processing} pipeline: plain static methods over typed rows, as in
 * Kedro's spaceflights {@code nodes.py}.
 */
public final class DataProcessing {
    private DataProcessing() {
    }

    /** Ratings as fractions ({@code "90%"} is 0.9) and IATA approval as booleans. */
    public static List<PreprocessedCompany> preprocessCompanies(List<Company> companies) {
        return companies.stream()
                .map(c -> new PreprocessedCompany(c.id(), parsePercentage(c.company_rating()), c.company_location(),
                        c.total_fleet_count(), isTrue(c.iata_approved())))
                .toList();
    }

    /** Checks as booleans and prices as numbers of dollars. */
    public static List<PreprocessedShuttle> preprocessShuttles(List<Shuttle> shuttles) {
        return shuttles.stream()
                .map(s -> new PreprocessedShuttle(s.id(), s.shuttle_location(), s.shuttle_type(), s.engine_type(),
                        s.engine_vendor(), s.engines(), s.passenger_capacity(), s.cancellation_policy(), s.crew(),
                        isTrue(s.d_check_complete()), isTrue(s.moon_clearance_complete()), parseMoney(s.price()),
                        s.company_id()))
                .toList();
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

    /**
     * {@code "90%"} as 0.9, {@code "12.5%"} as 0.125; {@code null} for an empty or missing cell.
     *
     * @throws IllegalArgumentException for anything else, naming the value
     */
    public static Double parsePercentage(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (!v.endsWith("%")) {
            throw new IllegalArgumentException("not a percentage: \"" + value + "\" (expected e.g. \"90%\")");
        }
        try {
            return Double.parseDouble(v.substring(0, v.length() - 1).strip()) / 100;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a percentage: \"" + value + "\" (expected e.g. \"90%\")", e);
        }
    }

    /**
     * {@code "$1,325.0"} as 1325.0; {@code null} for an empty or missing cell.
     *
     * @throws IllegalArgumentException for anything else, naming the value
     */
    public static Double parseMoney(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (!v.startsWith("$")) {
            throw new IllegalArgumentException("not an amount of dollars: \"" + value + "\" (expected e.g. \"$1,325.0\")");
        }
        try {
            return Double.parseDouble(v.substring(1).replace(",", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "not an amount of dollars: \"" + value + "\" (expected e.g. \"$1,325.0\")", e);
        }
    }

    /**
     * {@code "t"} as true, {@code "f"} as false; {@code null} for an empty or missing cell.
     *
     * @throws IllegalArgumentException for anything else, naming the value
     */
    public static Boolean isTrue(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.strip()) {
            case "t" -> Boolean.TRUE;
            case "f" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("not t or f: \"" + value + "\"");
        };
    }
}
