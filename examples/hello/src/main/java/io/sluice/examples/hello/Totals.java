package io.sluice.examples.hello;

import java.math.BigDecimal;

/** Totals over all order lines. */
public record Totals(int orders, int units, BigDecimal net, BigDecimal vat, BigDecimal gross, BigDecimal cost,
                     BigDecimal margin, BigDecimal marginRate) {
}
