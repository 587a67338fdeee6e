package io.sluice.examples.spaceflights;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Writes the example's raw data, {@code data/01_raw/{companies,shuttles,reviews}.csv}: made-up but
 * realistic shuttles whose price depends on the features the model uses, plus noise and an effect
 * the model does not see (engine type), so that a linear regression explains most but not all of
 * it. Seeded, so the same files come out every time; {@code RawDataGeneratorTest} checks that the
 * committed files are exactly what this writes.
 *
 * <p>Formats follow Kedro's spaceflights data: ratings as {@code "90%"}, booleans as
 * {@code t}/{@code f}, prices as {@code "$1,325.0"}, and some empty cells (missing values the
 * pipeline drops).
 *
 * <pre>
 * cd examples/spaceflights
 * java src/test/java/io/sluice/examples/spaceflights/RawDataGenerator.java data/01_raw
 * </pre>
 */
public final class RawDataGenerator {
    static final long SEED = 20_240_601L;
    static final int COMPANIES = 2_000;
    static final int SHUTTLES = 3_000;
    /** Reviewed shuttles; the other reviews are of shuttles retired since (not in shuttles.csv). */
    static final int REVIEWED_SHUTTLES = 2_940;
    static final int REVIEWS = 3_000;

    private static final String[] LOCATIONS = {"Niue", "Anguilla", "Russian Federation", "Barbados",
        "Sao Tome and Principe", "Malta", "Faroe Islands", "Iceland", "Kenya", "Chile", "Mongolia",
        "New Zealand", "Morocco", "Canada", "Portugal", "Japan", "Namibia", "Peru", "Finland", "Oman"};
    private static final String[] SHUTTLE_TYPES = {"Type V5", "Type V2", "Type F5", "Type F2", "Type E1"};
    private static final String[] ENGINE_TYPES = {"Quantum", "Plasma", "Nuclear"};
    /** What each engine type adds to the price; not a model feature, so part of what it cannot explain. */
    private static final double[] ENGINE_TYPE_PREMIUM = {0, 140, 290};
    private static final String[] ENGINE_VENDORS = {"ThetaBase Services", "Banks, Wood and Phillips",
        "Orbital Drives", "Kessler Propulsion", "Lagrange Works"};
    private static final String[] POLICIES = {"strict", "moderate", "flexible"};

    private final Random random = new Random(SEED);

    private RawDataGenerator() {
    }

    /** The three files by name, as they are written. */
    static Map<String, String> generate() {
        return new RawDataGenerator().files();
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "data/01_raw");
        Files.createDirectories(dir);
        for (Map.Entry<String, String> f : generate().entrySet()) {
            Files.writeString(dir.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
            System.out.println("wrote " + dir.resolve(f.getKey()));
        }
    }

    private record CompanyTruth(int id, Integer ratingPercent, boolean iataApproved) {
    }

    private Map<String, String> files() {
        List<Integer> companyIds = distinctIds(10_000, COMPANIES);
        List<Integer> shuttleIds = distinctIds(50_000, SHUTTLES + (REVIEWS - REVIEWED_SHUTTLES));

        StringBuilder companies = new StringBuilder(
                "id,company_rating,company_location,total_fleet_count,iata_approved\n");
        List<CompanyTruth> truth = new ArrayList<>(COMPANIES);
        for (int id : companyIds) {
            Integer rating = chance(0.12) ? null : (int) Math.round(clamp(80 + 15 * random.nextGaussian(), 20, 100));
            boolean iata = chance(0.55);
            Integer fleet = chance(0.01) ? null : 1 + (int) Math.floor(Math.abs(random.nextGaussian()) * 3);
            truth.add(new CompanyTruth(id, rating, iata));
            companies.append(id).append(',')
                    .append(rating == null ? "" : rating + "%").append(',')
                    .append(csv(pick(LOCATIONS))).append(',')
                    .append(fleet == null ? "" : fleet + ".0").append(',')
                    .append(iata ? 't' : 'f').append('\n');
        }

        StringBuilder shuttles = new StringBuilder("id,shuttle_location,shuttle_type,engine_type,engine_vendor,"
                + "engines,passenger_capacity,cancellation_policy,crew,d_check_complete,moon_clearance_complete,"
                + "price,company_id\n");
        StringBuilder reviews = new StringBuilder("shuttle_id,review_scores_rating,review_scores_comfort,"
                + "review_scores_amenities,review_scores_trip,review_scores_crew,review_scores_location,"
                + "review_scores_price,number_of_reviews,reviews_per_month\n");
        List<String> reviewRows = new ArrayList<>(REVIEWS);
        for (int i = 0; i < shuttleIds.size(); i++) {
            int id = shuttleIds.get(i);
            CompanyTruth company = truth.get(random.nextInt(truth.size()));
            int passengers = 1 + random.nextInt(8);
            int engines = (int) clamp(Math.round(passengers / 2.5 + random.nextGaussian() * 0.8), 0, 6);
            int crew = (int) clamp(Math.round(passengers / 3.0 + 1 + random.nextGaussian() * 0.9), 1, 8);
            boolean dCheck = chance(0.3);
            boolean moon = chance(0.25);
            int engineType = random.nextInt(ENGINE_TYPES.length);
            double reviewRating = clamp(Math.round(91 + 7 * random.nextGaussian()), 20, 100);
            double rating = company.ratingPercent() == null ? 0.8 : company.ratingPercent() / 100.0;
            double price = 400 + 150 * engines + 160 * passengers + 80 * crew + 230 * (dCheck ? 1 : 0)
                    + 130 * (moon ? 1 : 0) + 170 * (company.iataApproved() ? 1 : 0) + 650 * rating
                    + 12 * (reviewRating - 90) + ENGINE_TYPE_PREMIUM[engineType] + 240 * random.nextGaussian();
            price = Math.max(250, Math.round(price / 5) * 5.0);

            if (i < SHUTTLES) {
                shuttles.append(id).append(',')
                        .append(csv(pick(LOCATIONS))).append(',')
                        .append(pick(SHUTTLE_TYPES)).append(',')
                        .append(ENGINE_TYPES[engineType]).append(',')
                        .append(csv(pick(ENGINE_VENDORS))).append(',')
                        .append(chance(0.01) ? "" : engines + ".0").append(',')
                        .append(passengers).append(',')
                        .append(pick(POLICIES)).append(',')
                        .append(chance(0.015) ? "" : crew + ".0").append(',')
                        .append(dCheck ? 't' : 'f').append(',')
                        .append(moon ? 't' : 'f').append(',')
                        .append(csv(money(price))).append(',')
                        .append(company.id()).append('\n');
            }
            if (i < REVIEWED_SHUTTLES || i >= SHUTTLES) {
                reviewRows.add(review(id, reviewRating));
            }
        }
        Collections.shuffle(reviewRows, random);
        reviewRows.forEach(reviews::append);

        Map<String, String> files = new LinkedHashMap<>();
        files.put("companies.csv", companies.toString());
        files.put("shuttles.csv", shuttles.toString());
        files.put("reviews.csv", reviews.toString());
        return files;
    }

    private String review(int shuttleId, double rating) {
        boolean unrated = chance(0.08);
        StringBuilder row = new StringBuilder().append(shuttleId).append(',')
                .append(unrated ? "" : fmt(rating)).append(',');
        for (int k = 0; k < 6; k++) {
            double score = clamp(Math.round(rating / 10 + random.nextGaussian() * 0.6), 2, 10);
            row.append(unrated || chance(0.01) ? "" : fmt(score)).append(',');
        }
        int count = 1 + (int) Math.floor(Math.abs(random.nextGaussian()) * 40);
        row.append(count).append(',')
                .append(chance(0.03) ? "" : String.format(Locale.ROOT, "%.2f", 0.1 + random.nextDouble() * 3))
                .append('\n');
        return row.toString();
    }

    /** {@code n} distinct ids from {@code [base, base + 4n)}, in random order. */
    private List<Integer> distinctIds(int base, int n) {
        List<Integer> all = new ArrayList<>(4 * n);
        for (int i = 0; i < 4 * n; i++) {
            all.add(base + i);
        }
        Collections.shuffle(all, random);
        return new ArrayList<>(all.subList(0, n));
    }

    private boolean chance(double p) {
        return random.nextDouble() < p;
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** Kedro's price format: {@code $1,325.0}. */
    static String money(double v) {
        return String.format(Locale.ROOT, "$%,.1f", v);
    }

    private static String csv(String cell) {
        return cell.contains(",") ? '"' + cell + '"' : cell;
    }
}
