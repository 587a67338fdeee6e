package io.sluice.examples.hello;

/** One row of {@code data/01_raw/orders.csv}. */
public record Order(int id, String date, String region, String product, int quantity) {
}
