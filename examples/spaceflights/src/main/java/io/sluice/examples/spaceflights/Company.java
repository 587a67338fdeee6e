package io.sluice.examples.spaceflights;

/**
 * One row of {@code data/01_raw/companies.csv}. The catalog converts the file's spellings
 * ({@code load_args.parse}): the rating {@code "90%"} to 0.9, IATA approval {@code t}/{@code f} to
 * a boolean. {@code null} where the cell is empty. Component names are the column names.
 */
public record Company(int id, Double company_rating, String company_location, Double total_fleet_count,
                      Boolean iata_approved) {
}
