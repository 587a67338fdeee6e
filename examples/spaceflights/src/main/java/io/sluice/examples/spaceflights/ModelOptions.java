package io.sluice.examples.spaceflights;

import java.util.List;

/**
 * {@code params:model_options}: Kedro's {@code test_size}, {@code random_state} and
 * {@code features}, plus the settings of the SGD trainer.
 *
 * @param test_size     the fraction of the model input table held out for evaluation, in (0, 1)
 * @param random_state  the seed of the train/test shuffle and of the trainer
 * @param features      the columns of the model input table the model uses
 * @param epochs        passes of stochastic gradient descent over the training rows
 * @param learning_rate AdaGrad's initial learning rate
 */
public record ModelOptions(double test_size, long random_state, List<String> features, int epochs,
                           double learning_rate) {
    public ModelOptions {
        features = List.copyOf(features);
    }
}
