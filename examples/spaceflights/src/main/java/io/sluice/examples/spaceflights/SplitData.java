package io.sluice.examples.spaceflights;

/**
 * What {@link DataScience#splitData} returns; each component goes to its own dataset
 * ({@code X_train}, {@code X_test}, {@code y_train}, {@code y_test}).
 */
public record SplitData(FeatureMatrix xTrain, FeatureMatrix xTest, double[] yTrain, double[] yTest) {
}
