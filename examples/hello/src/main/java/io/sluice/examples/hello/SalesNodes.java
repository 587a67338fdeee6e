package io.sluice.examples.hello;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The node functions of the hello project: plain static methods over typed records, testable
 * without Sluice. The pipelines wiring them to datasets are in {@link HelloProject}.
 */
public final class SalesNodes {
    private SalesNodes() {
    }

    /**
     * Rejects orders the later nodes cannot price, naming each bad order: a quantity that is not
     * positive, an unknown product, a missing region.
     */
    public static List<Order> validateOrders(List<Order> orders, List<Product> products) {
        Set<String> known = products.stream().map(Product::product).collect(Collectors.toSet());
        List<String> problems = new ArrayList<>();
        for (Order o : orders) {
            if (o.quantity() <= 0) {
                problems.add("order " + o.id() + ": quantity must be positive, got " + o.quantity());
            }
            if (!known.contains(o.product())) {
                problems.add("order " + o.id() + ": unknown product '" + o.product() + "'");
            }
            if (o.region() == null || o.region().isBlank()) {
                problems.add("order " + o.id() + ": no region");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(problems.size() + " invalid order(s) in orders: "
                    + String.join("; ", problems));
        }
        return orders;
    }

    /** Regions as the shops type them (" South ", "WEST") become one spelling ("south", "west"). */
    public static List<Order> normaliseRegions(List<Order> orders) {
        return orders.stream()
                .map(o -> new Order(o.id(), o.date(), o.region().strip().toLowerCase(Locale.ROOT), o.product(),
                        o.quantity()))
                .toList();
    }

    /** Joins each order with its product: net price, VAT at {@code pricing.vatRate}, and cost. */
    public static List<OrderLine> priceOrders(List<Order> orders, List<Product> products, Pricing pricing) {
        Map<String, Product> byName = products.stream()
                .collect(Collectors.toMap(Product::product, Function.identity()));
        List<OrderLine> lines = new ArrayList<>(orders.size());
        for (Order o : orders) {
            Product p = byName.get(o.product());
            BigDecimal qty = BigDecimal.valueOf(o.quantity());
            BigDecimal net = money(p.price().multiply(qty));
            lines.add(new OrderLine(o.id(), o.date(), o.region(), o.product(), p.category(), o.quantity(), net,
                    money(net.multiply(pricing.vatRate())), money(p.cost().multiply(qty))));
        }
        return lines;
    }

    /** Net revenue and margin per region, by region name. */
    public static List<Revenue> revenueByRegion(List<OrderLine> lines) {
        return revenueBy(lines, OrderLine::region);
    }

    /** Net revenue and margin per product category, by category name. */
    public static List<Revenue> revenueByCategory(List<OrderLine> lines) {
        return revenueBy(lines, OrderLine::category);
    }

    /** The {@code topN} products by net revenue (ties by name). */
    public static List<ProductSales> topProducts(List<OrderLine> lines, int topN) {
        return productSales(lines).stream()
                .sorted(Comparator.comparing(ProductSales::net).reversed().thenComparing(ProductSales::product))
                .limit(Math.max(0, topN))
                .toList();
    }

    /** Totals over all order lines. */
    public static Totals totals(List<OrderLine> lines) {
        BigDecimal net = sum(lines, OrderLine::net);
        BigDecimal vat = sum(lines, OrderLine::vat);
        BigDecimal cost = sum(lines, OrderLine::cost);
        BigDecimal margin = net.subtract(cost);
        int units = lines.stream().mapToInt(OrderLine::quantity).sum();
        return new Totals(lines.size(), units, net, vat, net.add(vat), cost, margin, rate(margin, net));
    }

    /** Products whose margin rate is below {@code report.minMargin}, by name. */
    public static List<ProductSales> lowMarginProducts(List<OrderLine> lines, ReportOptions report) {
        return productSales(lines).stream()
                .filter(p -> p.marginRate().compareTo(report.minMargin()) < 0)
                .toList();
    }

    /** Puts the figures together for {@code sales_report.json}. */
    public static SalesReport buildReport(List<Revenue> byRegion, List<Revenue> byCategory,
                                          List<ProductSales> topProducts, Totals totals, Pricing pricing) {
        return new SalesReport(pricing.currency(), totals, byRegion, byCategory, topProducts);
    }

    /** A few lines of plain text for people who will not open the JSON. */
    public static String summarise(SalesReport report, List<ProductSales> lowMargin) {
        Totals t = report.totals();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%d orders, %d units, net %s %s, margin %s %s (%s%%)%n", t.orders(),
                t.units(), t.net(), report.currency(), t.margin(), report.currency(),
                t.marginRate().movePointRight(2).stripTrailingZeros().toPlainString()));
        sb.append("Top products: ")
                .append(report.topProducts().stream().map(ProductSales::product).collect(Collectors.joining(", ")))
                .append(System.lineSeparator());
        sb.append("Low margin: ")
                .append(lowMargin.isEmpty() ? "none"
                        : lowMargin.stream().map(ProductSales::product).collect(Collectors.joining(", ")))
                .append(System.lineSeparator());
        return sb.toString();
    }

    private static List<Revenue> revenueBy(List<OrderLine> lines, Function<OrderLine, String> key) {
        Map<String, List<OrderLine>> groups = lines.stream()
                .collect(Collectors.groupingBy(key, TreeMap::new, Collectors.toList()));
        List<Revenue> out = new ArrayList<>();
        groups.forEach((k, group) -> out.add(new Revenue(k, group.size(),
                group.stream().mapToInt(OrderLine::quantity).sum(), sum(group, OrderLine::net),
                sum(group, OrderLine::margin))));
        return out;
    }

    private static List<ProductSales> productSales(List<OrderLine> lines) {
        Map<String, List<OrderLine>> byProduct = lines.stream()
                .collect(Collectors.groupingBy(OrderLine::product, TreeMap::new, Collectors.toList()));
        List<ProductSales> out = new ArrayList<>();
        byProduct.forEach((product, group) -> {
            BigDecimal net = sum(group, OrderLine::net);
            BigDecimal margin = sum(group, OrderLine::margin);
            out.add(new ProductSales(product, group.stream().mapToInt(OrderLine::quantity).sum(), net, margin,
                    rate(margin, net)));
        });
        return out;
    }

    private static BigDecimal sum(List<OrderLine> lines, Function<OrderLine, BigDecimal> f) {
        return lines.stream().map(f).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    }

    private static BigDecimal money(BigDecimal v) {
        return v.setScale(2, RoundingMode.HALF_UP);
    }

    private static BigDecimal rate(BigDecimal part, BigDecimal whole) {
        return whole.signum() == 0 ? BigDecimal.ZERO.setScale(3) : part.divide(whole, 3, RoundingMode.HALF_UP);
    }
}
