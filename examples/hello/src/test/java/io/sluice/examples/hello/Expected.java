package io.sluice.examples.hello;

/**
 * The outputs of a full run over the shipped data, checked by hand: e.g. north = 10.00 (1001)
 * + 24.00 (1004) + 32.00 (1009) = 66.00 net, margin 4.40 + 15.00 + 4.00 = 23.40.
 */
final class Expected {
    private Expected() {
    }

    static final String ORDER_LINES = """
            id,date,region,product,category,quantity,net,vat,cost
            1001,2025-03-03,north,widget,hardware,4,10.00,2.00,5.60
            1002,2025-03-03,south,gadget,hardware,2,24.00,4.80,15.60
            1003,2025-03-04,east,gizmo,electronics,1,30.00,6.00,24.00
            1004,2025-03-04,north,manual,books,3,24.00,4.80,9.00
            1005,2025-03-05,west,widget,hardware,10,25.00,5.00,14.00
            1006,2025-03-05,east,sprocket,hardware,25,20.00,4.00,17.50
            1007,2025-03-06,south,gizmo,electronics,2,60.00,12.00,48.00
            1008,2025-03-06,west,gadget,hardware,1,12.00,2.40,7.80
            1009,2025-03-07,north,sprocket,hardware,40,32.00,6.40,28.00
            1010,2025-03-07,east,manual,books,1,8.00,1.60,3.00
            """;

    static final String REGION_REVENUE = """
            key,orders,units,net,margin
            east,3,27,58.00,13.50
            north,3,47,66.00,23.40
            south,2,4,84.00,20.40
            west,2,11,37.00,15.20
            """;

    static final String CATEGORY_REVENUE = """
            key,orders,units,net,margin
            books,2,4,32.00,20.00
            electronics,2,3,90.00,18.00
            hardware,6,82,123.00,34.50
            """;

    static final String LOW_MARGIN_PRODUCTS = """
            product,units,net,margin,marginRate
            gizmo,3,90.00,18.00,0.200
            sprocket,65,52.00,6.50,0.125
            """;

    static final String SUMMARY = """
            10 orders, 89 units, net 245.00 EUR, margin 72.50 EUR (29.6%)
            Top products: gizmo, sprocket, gadget
            Low margin: gizmo, sprocket
            """;

    static final String SALES_REPORT = """
            {
              "currency" : "EUR",
              "totals" : {
                "orders" : 10,
                "units" : 89,
                "net" : 245.00,
                "vat" : 49.00,
                "gross" : 294.00,
                "cost" : 172.50,
                "margin" : 72.50,
                "marginRate" : 0.296
              },
              "byRegion" : [
                {
                  "key" : "east",
                  "orders" : 3,
                  "units" : 27,
                  "net" : 58.00,
                  "margin" : 13.50
                },
                {
                  "key" : "north",
                  "orders" : 3,
                  "units" : 47,
                  "net" : 66.00,
                  "margin" : 23.40
                },
                {
                  "key" : "south",
                  "orders" : 2,
                  "units" : 4,
                  "net" : 84.00,
                  "margin" : 20.40
                },
                {
                  "key" : "west",
                  "orders" : 2,
                  "units" : 11,
                  "net" : 37.00,
                  "margin" : 15.20
                }
              ],
              "byCategory" : [
                {
                  "key" : "books",
                  "orders" : 2,
                  "units" : 4,
                  "net" : 32.00,
                  "margin" : 20.00
                },
                {
                  "key" : "electronics",
                  "orders" : 2,
                  "units" : 3,
                  "net" : 90.00,
                  "margin" : 18.00
                },
                {
                  "key" : "hardware",
                  "orders" : 6,
                  "units" : 82,
                  "net" : 123.00,
                  "margin" : 34.50
                }
              ],
              "topProducts" : [
                {
                  "product" : "gizmo",
                  "units" : 3,
                  "net" : 90.00,
                  "margin" : 18.00,
                  "marginRate" : 0.200
                },
                {
                  "product" : "sprocket",
                  "units" : 65,
                  "net" : 52.00,
                  "margin" : 6.50,
                  "marginRate" : 0.125
                },
                {
                  "product" : "gadget",
                  "units" : 3,
                  "net" : 36.00,
                  "margin" : 12.60,
                  "marginRate" : 0.350
                }
              ]
            }""";
}
