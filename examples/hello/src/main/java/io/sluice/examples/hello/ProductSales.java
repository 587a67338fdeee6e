package io.sluice.examples.hello;

import java.math.BigDecimal;

/** Sales of one product, for the ranking and the low-margin list. */
public record ProductSales(String product, int units, BigDecimal net, BigDecimal margin, BigDecimal marginRate) {
}
