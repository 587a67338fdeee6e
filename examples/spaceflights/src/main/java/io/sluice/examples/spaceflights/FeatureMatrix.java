package io.sluice.examples.spaceflights;

import java.util.List;

/**
 * The features of some rows of the model input table: {@code values[i][j]} is feature
 * {@code names.get(j)} of row {@code i}. Kedro's {@code X_train}/{@code X_test}.
 */
public record FeatureMatrix(List<String> names, double[][] values) {
    public FeatureMatrix {
        names = List.copyOf(names);
        for (double[] row : values) {
            if (row.length != names.size()) {
                throw new IllegalArgumentException("a row has " + row.length + " values for " + names.size()
                        + " features " + names);
            }
        }
    }

    /** The number of rows. */
    public int rows() {
        return values.length;
    }
}
