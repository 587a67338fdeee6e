package io.sluice.examples.hello;

import java.math.BigDecimal;

/** One row of {@code data/01_raw/products.csv}: list price and unit cost, net of VAT. */
public record Product(String product, String category, BigDecimal price, BigDecimal cost) {
}
