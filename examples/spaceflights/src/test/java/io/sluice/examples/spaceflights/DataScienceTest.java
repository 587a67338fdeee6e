package io.sluice.examples.spaceflights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.sluice.datasets.model.OnnxModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataScienceTest {

    /** Rows whose price is 1000 + 100 * id and whose engines are id % 4. */
    private static List<ModelInputRow> table(int rows) {
        List<ModelInputRow> table = new ArrayList<>();
        for (int id = 1; id <= rows; id++) {
            table.add(new ModelInputRow(id, "Chile", "Type V5", "Plasma", "Orbital Drives", id % 4, 2 + id % 3,
                    "strict", 3, id % 2 == 0, false, 1000 + 100 * id, 1, 0.9, "Niue", 3, true, 90, 9, 8, 9, 10, 9, 8,
                    12, 0.5));
        }
        return table;
    }

    private static ModelOptions options(double testSize, long seed, String... features) {
        return new ModelOptions(testSize, seed, List.of(features), 50, 20.0);
    }

    @Test
    void splitHoldsOutTheCeilingOfTestSizeTimesTheRows() {
        SplitData split = DataScience.splitData(table(10), options(0.25, 3, "engines", "d_check_complete"));

        assertThat(split.xTest().rows()).isEqualTo(3);
        assertThat(split.xTrain().rows()).isEqualTo(7);
        assertThat(split.yTest()).hasSize(3);
        assertThat(split.yTrain()).hasSize(7);
    }

    @Test
    void featureColumnsAreInNameOrderAsInTheOnnxExport() {
        SplitData split = DataScience.splitData(table(10), options(0.2, 3, "passenger_capacity", "engines",
                "d_check_complete"));

        assertThat(split.xTrain().names()).containsExactly("d_check_complete", "engines", "passenger_capacity");
        assertThat(split.xTest().names()).isEqualTo(split.xTrain().names());
    }

    @Test
    void everyRowLandsOnExactlyOneSideWithItsOwnFeatures() {
        SplitData split = DataScience.splitData(table(10), options(0.2, 3, "engines", "d_check_complete"));

        double[] all = new double[10];
        System.arraycopy(split.yTrain(), 0, all, 0, 8);
        System.arraycopy(split.yTest(), 0, all, 8, 2);
        Arrays.sort(all);
        assertThat(all).containsExactly(1100, 1200, 1300, 1400, 1500, 1600, 1700, 1800, 1900, 2000);
        for (int i = 0; i < 8; i++) {
            int id = (int) (split.yTrain()[i] - 1000) / 100;
            assertThat(split.xTrain().values()[i]).containsExactly(id % 2 == 0 ? 1 : 0, id % 4);
        }
    }

    @Test
    void theSameSeedGivesTheSameSplitAndAnotherSeedAnotherOne() {
        List<ModelInputRow> table = table(50);

        SplitData a = DataScience.splitData(table, options(0.2, 3, "engines"));
        SplitData b = DataScience.splitData(table, options(0.2, 3, "engines"));
        SplitData c = DataScience.splitData(table, options(0.2, 4, "engines"));

        assertThat(a.yTest()).containsExactly(b.yTest());
        assertThat(a.yTrain()).containsExactly(b.yTrain());
        assertThat(a.yTest()).isNotEqualTo(c.yTest());
    }

    @Test
    void aFeatureThatIsNotANumericColumnIsAnErrorListingTheColumns() {
        assertThatThrownBy(() -> DataScience.splitData(table(10), options(0.2, 3, "engines", "shuttle_type")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'shuttle_type' is not a numeric column")
                .hasMessageContaining("passenger_capacity");
    }

    @Test
    void aTestSizeOutsideZeroToOneIsAnError() {
        assertThatThrownBy(() -> DataScience.splitData(table(10), options(1.0, 3, "engines")))
                .hasMessageContaining("test_size must be between 0 and 1, got 1.0");
    }

    @Test
    void metricsOfAKnownSmallExample() {
        // scikit-learn's r2_score example: 1 - 1.5 / 29.1875.
        Metrics m = DataScience.metrics(new double[] {3, -0.5, 2, 7}, new double[] {2.5, 0.0, 2, 8});

        assertThat(m.r2_score()).isCloseTo(0.9486081370449679, within(1e-12));
        assertThat(m.mae()).isEqualTo(0.5);
        assertThat(m.max_error()).isEqualTo(1.0);
        assertThat(m.test_rows()).isEqualTo(4);
    }

    @Test
    void perfectPredictionsHaveAnR2OfOneAndPredictingTheMeanZero() {
        double[] actual = {1, 2, 3, 4};

        assertThat(DataScience.metrics(actual, actual.clone()).r2_score()).isEqualTo(1.0);
        assertThat(DataScience.metrics(actual, new double[] {2.5, 2.5, 2.5, 2.5}).r2_score()).isEqualTo(0.0);
    }

    @Test
    void theExportedModelRecoversAnExactLinearRelation() {
        // price = 500 + 300 * d_check_complete + 200 * engines, no noise.
        double[][] x = new double[200][];
        double[] y = new double[200];
        for (int i = 0; i < 200; i++) {
            x[i] = new double[] {i % 3 == 0 ? 1 : 0, i % 5};
            y[i] = 500 + 300 * x[i][0] + 200 * x[i][1];
        }
        FeatureMatrix features = new FeatureMatrix(List.of("d_check_complete", "engines"), x);

        TrainedRegressor exported = DataScience.trainModel(features, y, options(0.2, 3));

        assertThat(exported.features()).containsExactly("d_check_complete", "engines");

        try (OnnxModel model = OnnxModel.of(exported.toOnnx())) {
            double[] predicted = DataScience.predict(model,
                    new FeatureMatrix(features.names(), new double[][] {{0, 0}, {1, 4}}));
            assertThat(predicted[0]).isCloseTo(500, within(5.0));
            assertThat(predicted[1]).isCloseTo(1600, within(5.0));
        }
        assertThat(DataScience.evaluateModel(OnnxModel.of(exported.toOnnx()), features, y).r2_score())
                .isGreaterThan(0.999);
    }

    @Test
    void theSameDataAndOptionsTrainTheSameModel() {
        SplitData split = DataScience.splitData(table(50), options(0.2, 3, "engines", "d_check_complete"));

        byte[] a = DataScience.trainModel(split.xTrain(), split.yTrain(), options(0.2, 3)).toOnnx();
        byte[] b = DataScience.trainModel(split.xTrain(), split.yTrain(), options(0.2, 3)).toOnnx();

        try (OnnxModel ma = OnnxModel.of(a); OnnxModel mb = OnnxModel.of(b)) {
            assertThat(DataScience.predict(ma, split.xTest())).containsExactly(DataScience.predict(mb, split.xTest()));
        }
    }
}
