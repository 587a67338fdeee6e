package io.sluice.examples.hello;

import java.math.BigDecimal;

/**
 * {@code params:report}.
 *
 * @param topN      how many products the report ranks
 * @param minMargin products whose margin rate is below this are listed as low-margin
 */
public record ReportOptions(int topN, BigDecimal minMargin) {
}
