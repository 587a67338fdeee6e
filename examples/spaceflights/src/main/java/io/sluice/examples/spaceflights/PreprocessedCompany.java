package io.sluice.examples.spaceflights;

/**
 * A company after {@link DataProcessing#preprocessCompanies}: the rating as a fraction
 * ({@code "90%"} is 0.9), IATA approval as a boolean; {@code null} where the raw cell was empty.
 */
public record PreprocessedCompany(int id, Double company_rating, String company_location, Double total_fleet_count,
                                  Boolean iata_approved) {
}
