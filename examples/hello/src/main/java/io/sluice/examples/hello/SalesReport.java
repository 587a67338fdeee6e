package io.sluice.examples.hello;

import java.util.List;

/** {@code data/08_reporting/sales_report.json}. */
public record SalesReport(String currency, Totals totals, List<Revenue> byRegion, List<Revenue> byCategory,
                          List<ProductSales> topProducts) {
}
