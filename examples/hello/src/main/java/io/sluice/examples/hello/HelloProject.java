package io.sluice.examples.hello;

import static io.sluice.pipeline.Node.node;

import io.sluice.pipeline.Pipeline;
import io.sluice.project.Project;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The hello project: sales figures from a small orders file. Registered for the CLI in
 * {@code META-INF/services/io.sluice.project.Project}.
 *
 * <ul>
 *   <li>{@code processing}: validate, clean and price the raw orders into {@code order_lines};</li>
 *   <li>{@code reporting}: aggregate {@code order_lines} into revenue tables, a JSON report and a
 *       text summary;</li>
 *   <li>{@code __default__}: both.</li>
 * </ul>
 */
public final class HelloProject implements Project {

    /** Raw orders to priced order lines. */
    public static Pipeline processing() {
        return Pipeline.of(
                node(SalesNodes::validateOrders).name("validate_orders")
                        .inputs("orders", "products").outputs("validated_orders").tags("quality"),
                node(SalesNodes::normaliseRegions).name("normalise_regions")
                        .inputs("validated_orders").outputs("clean_orders"),
                node(SalesNodes::priceOrders).name("price_orders")
                        .inputs("clean_orders", "products", "params:pricing").outputs("order_lines"));
    }

    /** Priced order lines to the reports. */
    public static Pipeline reporting() {
        return Pipeline.of(
                node(SalesNodes::revenueByRegion).name("revenue_by_region")
                        .inputs("order_lines").outputs("region_revenue"),
                node(SalesNodes::revenueByCategory).name("revenue_by_category")
                        .inputs("order_lines").outputs("category_revenue"),
                node(SalesNodes::topProducts).name("top_products")
                        .inputs("order_lines", "params:report.topN").outputs("top_products"),
                node(SalesNodes::totals).name("totals")
                        .inputs("order_lines").outputs("margin_totals"),
                node(SalesNodes::lowMarginProducts).name("low_margin_products")
                        .inputs("order_lines", "params:report").outputs("low_margin_products").tags("quality"),
                node(SalesNodes::buildReport).name("build_report")
                        .inputs("region_revenue", "category_revenue", "top_products", "margin_totals",
                                "params:pricing")
                        .outputs("sales_report"),
                node(SalesNodes::summarise).name("summarise")
                        .inputs("sales_report", "low_margin_products").outputs("summary"));
    }

    @Override
    public Map<String, Pipeline> pipelines() {
        Pipeline processing = processing();
        Pipeline reporting = reporting();
        Map<String, Pipeline> pipelines = new LinkedHashMap<>();
        pipelines.put("processing", processing);
        pipelines.put("reporting", reporting);
        pipelines.put(DEFAULT_PIPELINE, processing.plus(reporting));
        return pipelines;
    }
}
