package io.sluice.examples.spaceflights;

/**
 * One row of {@code data/01_raw/companies.csv}, as the file spells it: the rating as
 * {@code "90%"} (or empty), IATA approval as {@code t}/{@code f}. Component names are the column
 * names.
 */
public record Company(int id, String company_rating, String company_location, Double total_fleet_count,
                      String iata_approved) {
}
