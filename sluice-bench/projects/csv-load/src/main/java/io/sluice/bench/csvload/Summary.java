package io.sluice.bench.csvload;

/** What the load pipeline returns: enough of the rows that the load cannot be optimised away. */
public record Summary(long rows, long idSum, double aSum, double bSum, long cSum, long sChars) {

    /** Every column of every row. */
    public static Summary of(java.util.List<Row> rows) {
        long idSum = 0;
        double aSum = 0;
        double bSum = 0;
        long cSum = 0;
        long sChars = 0;
        for (Row r : rows) {
            idSum += r.id();
            aSum += r.a();
            bSum += r.b();
            cSum += r.c();
            sChars += r.s().length();
        }
        return new Summary(rows.size(), idSum, aSum, bSum, cSum, sChars);
    }
}
