package io.sluice.io;

import static io.sluice.io.TestConfigs.config;
import static io.sluice.io.TestConfigs.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParametersTest {
    record ModelOptions(double test_size, int random_state, List<String> features) {
    }

    private static final String CONSUMER = "parameter 2 of node 'split_data'";

    // model_options:      line 1
    //   test_size: 0.2    line 2
    //   random_state: 3   line 3
    //   features:         line 4
    //     - engines       line 5
    //     - passengers    line 6
    // threshold: 0.5      line 7
    private final Parameters params = Parameters.fromConfig(config("conf/base/parameters.yml", map(
            "model_options", map("test_size", 0.2, "random_state", 3, "features", List.of("engines", "passengers")),
            "threshold", 0.5)));

    private static Type type(TypeReference<?> ref) {
        return ref.getType();
    }

    @Test
    void parameterInputsAreParametersOrPrefixedWithParams() {
        assertThat(Parameters.isParameterInput("parameters")).isTrue();
        assertThat(Parameters.isParameterInput("params:model_options.test_size")).isTrue();
        assertThat(Parameters.isParameterInput("companies")).isFalse();
        assertThat(Parameters.isParameterInput("parameters_2024")).isFalse();
    }

    @Test
    void rawGivesTheWholeMapOrANestedValue() {
        assertThat(params.raw("parameters")).isEqualTo(Map.of(
                "model_options", Map.of("test_size", 0.2, "random_state", 3,
                        "features", List.of("engines", "passengers")),
                "threshold", 0.5));
        assertThat(params.raw("params:model_options.random_state")).isEqualTo(3);
        assertThat(params.raw("params:model_options.features")).isEqualTo(List.of("engines", "passengers"));
    }

    @Test
    void aMissingPathNamesTheKeysAvailableWhereTheLookupFailed() {
        assertThatThrownBy(() -> params.raw("params:model_options.test_sz"))
                .isInstanceOf(ParameterNotFoundException.class)
                .hasMessage("parameter 'model_options.test_sz' not found: 'model_options'"
                        + " (conf/base/parameters.yml:1:1) has no key 'test_sz'. Available keys: features, random_state,"
                        + " test_size. Did you mean 'test_size'? Add it to conf/base/parameters.yml or pass --params"
                        + " model_options.test_sz=...");
        assertThatThrownBy(() -> params.raw("params:learning_rate"))
                .hasMessage("parameter 'learning_rate' not found: the parameters have no key 'learning_rate'."
                        + " Available keys: model_options, threshold. Add it to conf/base/parameters.yml or pass"
                        + " --params learning_rate=...");
    }

    @Test
    void bindsToARecord() {
        Object bound = params.bind("params:model_options", ModelOptions.class, CONSUMER);

        assertThat(bound).isEqualTo(new ModelOptions(0.2, 3, List.of("engines", "passengers")));
    }

    @Test
    void bindsToMapsListsAndScalars() {
        assertThat(params.bind("params:model_options", type(new TypeReference<Map<String, Object>>() { }), CONSUMER))
                .isEqualTo(Map.of("test_size", 0.2, "random_state", 3, "features", List.of("engines", "passengers")));
        assertThat(params.bind("params:model_options.features", type(new TypeReference<List<String>>() { }),
                CONSUMER)).isEqualTo(List.of("engines", "passengers"));
        assertThat(params.bind("params:threshold", double.class, CONSUMER)).isEqualTo(0.5);
        assertThat(params.bind("params:model_options.random_state", long.class, CONSUMER)).isEqualTo(3L);
        assertThat(params.bind("params:model_options.random_state", String.class, CONSUMER)).isEqualTo("3");
        assertThat(params.bind("parameters", Object.class, CONSUMER)).isEqualTo(params.raw("parameters"));
    }

    @Test
    void aValueOfTheWrongTypeNamesTheParameterTheConsumerTheFieldAndTheValue() {
        Parameters wrong = params.withOverrides(Map.of("model_options.test_size", "abc"));

        assertThatThrownBy(() -> wrong.bind("params:model_options", ModelOptions.class, CONSUMER))
                .isInstanceOf(ParameterBindingException.class)
                .hasMessage("params:model_options (conf/base/parameters.yml:1:1) cannot be bound to parameter 2 of"
                        + " node 'split_data' of type ModelOptions: field 'test_size' expects a number, got \"abc\"."
                        + " Fix the value or the type.");
    }

    @Test
    void anUnknownRecordFieldIsAnError() {
        Parameters wrong = params.withOverrides(Map.of("model_options.tset_size", 0.3));

        assertThatThrownBy(() -> wrong.bind("params:model_options", ModelOptions.class, CONSUMER))
                .isInstanceOf(ParameterBindingException.class)
                .hasMessage("params:model_options (conf/base/parameters.yml:1:1) cannot be bound to parameter 2 of"
                        + " node 'split_data' of type ModelOptions: unknown field 'tset_size' (known fields: features,"
                        + " random_state, test_size); did you mean 'test_size'? Fix the value or the type.");
    }

    @Test
    void aMissingPrimitiveFieldIsAnError() {
        Parameters partial = Parameters.of(map("model_options", map("test_size", 0.2)));

        assertThatThrownBy(() -> partial.bind("params:model_options", ModelOptions.class, CONSUMER))
                .hasMessage("params:model_options (code) cannot be bound to parameter 2 of node 'split_data' of type"
                        + " ModelOptions: field 'random_state' expects a number, got nothing (the key is missing)."
                        + " Fix the value or the type.");
    }

    @Test
    void aScalarThatIsNotANumberCannotBindToADouble() {
        Parameters wrong = params.withOverrides(Map.of("threshold", "high"));

        assertThatThrownBy(() -> wrong.bind("params:threshold", double.class, "parameter 1 of node 'score'"))
                .hasMessage("params:threshold (runtime params) cannot be bound to parameter 1 of node 'score' of type"
                        + " double: expects a number, got \"high\". Fix the value or the type.");
    }

    @Test
    void overridesReturnANewInstanceAndLeaveThisOneUnchanged() {
        Parameters run = params.withOverrides(Map.of("model_options.test_size", "0.3", "new.nested.key", 1));

        assertThat(run.bind("params:model_options", ModelOptions.class, CONSUMER))
                .isEqualTo(new ModelOptions(0.3, 3, List.of("engines", "passengers")));
        assertThat(run.raw("params:new.nested.key")).isEqualTo(1);
        assertThat(run.location("params:model_options.test_size").toString()).isEqualTo("runtime params");
        assertThat(params.raw("params:model_options.test_size")).isEqualTo(0.2);
        assertThatThrownBy(() -> params.raw("params:new")).isInstanceOf(ParameterNotFoundException.class);
    }

    @Test
    void anOverrideCannotGoThroughAScalar() {
        assertThatThrownBy(() -> params.withOverrides(Map.of("threshold.low", 0.1)))
                .isInstanceOf(ParameterException.class)
                .hasMessage("parameter override 'threshold.low' goes through 'threshold' (conf/base/parameters.yml:7:1),"
                        + " which is a number, not a mapping. Override 'threshold' itself instead.");
    }

    @Test
    void rawValuesAreFreshCopiesSoNodesCannotChangeEachOthersParameters() {
        @SuppressWarnings("unchecked")
        Map<String, Object> first = (Map<String, Object>) params.raw("params:model_options");
        first.put("test_size", 0.9);

        assertThat(params.raw("params:model_options.test_size")).isEqualTo(0.2);
    }
}
