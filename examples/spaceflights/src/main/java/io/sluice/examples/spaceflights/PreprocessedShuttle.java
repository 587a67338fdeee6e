package io.sluice.examples.spaceflights;

/**
 * A shuttle after {@link DataProcessing#preprocessShuttles}: engines and crew as whole numbers, a
 * price checked to be positive; {@code null} where the raw cell was empty.
 */
public record PreprocessedShuttle(int id, String shuttle_location, String shuttle_type, String engine_type,
                                  String engine_vendor, Integer engines, Integer passenger_capacity,
                                  String cancellation_policy, Integer crew, Boolean d_check_complete,
                                  Boolean moon_clearance_complete, Double price, int company_id) {
}
