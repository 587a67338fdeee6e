package io.sluice.examples.spaceflights;

/**
 * The predicted price of one requested shuttle.
 *
 * @param price the model's price, in the currency of the training data
 */
public record PricePrediction(double price) {
}
