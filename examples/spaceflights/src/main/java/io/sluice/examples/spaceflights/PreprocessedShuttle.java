package io.sluice.examples.spaceflights;

/**
 * A shuttle after {@link DataProcessing#preprocessShuttles}: checks as booleans, the price as a
 * number of dollars; {@code null} where the raw cell was empty.
 */
public record PreprocessedShuttle(int id, String shuttle_location, String shuttle_type, String engine_type,
                                  String engine_vendor, Double engines, Integer passenger_capacity,
                                  String cancellation_policy, Double crew, Boolean d_check_complete,
                                  Boolean moon_clearance_complete, Double price, int company_id) {
}
