package io.sluice.examples.hello;

import java.math.BigDecimal;

/** Revenue of one region or category: {@code data/04_feature/<dimension>_revenue.csv}. */
public record Revenue(String key, int orders, int units, BigDecimal net, BigDecimal margin) {
}
