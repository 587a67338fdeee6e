package io.sluice.examples.hello;

import java.math.BigDecimal;

/** {@code params:pricing}. */
public record Pricing(String currency, BigDecimal vatRate) {
}
