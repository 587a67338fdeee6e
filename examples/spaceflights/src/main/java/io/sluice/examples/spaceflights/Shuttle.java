package io.sluice.examples.spaceflights;

/**
 * One row of {@code data/01_raw/shuttles.csv}, as the file spells it: checks as {@code t}/{@code f},
 * the price as {@code "$1,325.0"}. Component names are the column names.
 */
public record Shuttle(int id, String shuttle_location, String shuttle_type, String engine_type, String engine_vendor,
                      Double engines, Integer passenger_capacity, String cancellation_policy, Double crew,
                      String d_check_complete, String moon_clearance_complete, String price, int company_id) {
}
