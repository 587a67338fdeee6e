package io.sluice.examples.spaceflights;

/**
 * A company after {@link DataProcessing#preprocessCompanies}: a rating checked to be a fraction,
 * the fleet a whole number of shuttles; {@code null} where the raw cell was empty.
 */
public record PreprocessedCompany(int id, Double company_rating, String company_location, Integer total_fleet_count,
                                  Boolean iata_approved) {
}
