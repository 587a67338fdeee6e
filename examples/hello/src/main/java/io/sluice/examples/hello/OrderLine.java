package io.sluice.examples.hello;

import java.math.BigDecimal;

/** An order joined with its product and priced: {@code data/03_primary/order_lines.csv}. */
public record OrderLine(int id, String date, String region, String product, String category, int quantity,
                        BigDecimal net, BigDecimal vat, BigDecimal cost) {

    /** Net revenue minus cost. */
    public BigDecimal margin() {
        return net.subtract(cost);
    }
}
