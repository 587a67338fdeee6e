package io.sluice.examples.spaceflights;

/**
 * One row of {@code data/01_raw/shuttles.csv}. The catalog converts the file's spellings
 * ({@code load_args.parse}): checks {@code t}/{@code f} to booleans, the price {@code "$1,325.0"}
 * to 1325.0. {@code null} where the cell is empty. Component names are the column names.
 */
public record Shuttle(int id, String shuttle_location, String shuttle_type, String engine_type, String engine_vendor,
                      Double engines, Integer passenger_capacity, String cancellation_policy, Double crew,
                      Boolean d_check_complete, Boolean moon_clearance_complete, Double price, int company_id) {
}
