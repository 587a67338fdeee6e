package io.sluice.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.SluiceException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunResultOutputTest {
    record Price(double price) {
    }

    record Box<T>(T value) {
    }

    private static RunResult result(Map<String, Object> outputs) {
        return new RunResult("r1", "pricing", outputs, () -> {
            throw new AssertionError("journal not asked for");
        });
    }

    @Test
    void returnsAGenericOutputWhoseElementsAreOfTheAskedType() {
        List<Price> prices = List.of(new Price(1.5), new Price(2.5));
        RunResult result = result(Map.of("price_predictions", prices));

        List<Price> got = result.output("price_predictions", new TypeRef<List<Price>>() {});

        assertThat(got).isSameAs(prices);
        assertThat(got.get(1).price()).isEqualTo(2.5);
    }

    @Test
    void returnsAnOutputOfAClass() {
        RunResult result = result(Map.of("best", new Price(3.0), "n", 7));

        assertThat(result.output("best", Price.class).price()).isEqualTo(3.0);
        assertThat(result.output("n", int.class)).isEqualTo(7);
    }

    @Test
    void widensNumbersExactlyButNeverNarrowsThem() {
        RunResult result = result(Map.of("n", 7, "f", 0.5f, "big", 5_000_000_000L));

        assertThat(result.output("n", Long.class)).isEqualTo(7L);
        assertThat(result.output("n", double.class)).isEqualTo(7.0);
        assertThat(result.output("f", Double.class)).isEqualTo(0.5);
        assertThatThrownBy(() -> result.output("big", Integer.class))
                .isInstanceOf(SluiceException.class)
                .hasMessage("Run r1 of pipeline 'pricing': output 'big' is Long, not Integer.");
        assertThatThrownBy(() -> result.output("big", Double.class))
                .hasMessageContaining("output 'big' is Long, not Double");
    }

    @Test
    void aMissingOutputIsNamedWithTheOutputsTheRunReturned() {
        RunResult result = result(Map.of("price_predictions", List.of(), "metrics", Map.of()));

        assertThatThrownBy(() -> result.output("price_prediction", Price.class))
                .isInstanceOf(SluiceException.class)
                .hasMessageStartingWith("Run r1 of pipeline 'pricing' has no output 'price_prediction'. "
                        + "Did you mean 'price_predictions'? Its outputs: metrics, price_predictions. ")
                .hasMessageContaining("RunSpec.builder(...).outputs(\"price_prediction\")");
        assertThatThrownBy(() -> result(Map.of()).output("x", new TypeRef<List<Price>>() {}))
                .hasMessageContaining("has no output 'x'. Its outputs: none.");
    }

    @Test
    void anOutputOfAnotherClassIsRefusedNamingItsActualType() {
        List<Map<String, Object>> rows = new ArrayList<>(List.of(new LinkedHashMap<>(Map.of("price", 1.0))));
        RunResult result = result(Map.of("price_predictions", rows));

        assertThatThrownBy(() -> result.output("price_predictions", Price.class))
                .hasMessage("Run r1 of pipeline 'pricing': output 'price_predictions' is ArrayList of 1 element, "
                        + "the first LinkedHashMap, not Price.");
    }

    @Test
    void anElementOfAnotherTypeIsRefusedNamingItsPosition() {
        List<Object> mixed = new ArrayList<>(List.of(new Price(1), new Price(2), "three"));
        RunResult result = result(Map.of("prices", mixed));

        assertThatThrownBy(() -> result.output("prices", new TypeRef<List<Price>>() {}))
                .hasMessage("Run r1 of pipeline 'pricing': element 2 of output 'prices' is String, not Price "
                        + "(asked for List<Price>).");
        assertThat(result.output("prices", new TypeRef<List<?>>() {})).hasSize(3);
    }

    @Test
    void mapsOptionalsAndArraysAreCheckedInside() {
        Map<String, List<Integer>> groups = new HashMap<>(Map.of("a", List.of(1, 2)));
        RunResult result = result(Map.of("groups", groups, "maybe", Optional.of(4L),
                "array", new Price[] {new Price(1)}));

        assertThat(result.output("groups", new TypeRef<Map<String, List<Integer>>>() {})).isSameAs(groups);
        assertThatThrownBy(() -> result.output("groups", new TypeRef<Map<String, List<Long>>>() {}))
                .hasMessageContaining("element 0 of output 'groups'[a] is Integer, not Long");
        assertThatThrownBy(() -> result.output("groups", new TypeRef<Map<Integer, List<Integer>>>() {}))
                .hasMessageContaining("key a of output 'groups' is String, not Integer");
        assertThat(result.output("maybe", new TypeRef<Optional<Long>>() {})).contains(4L);
        assertThatThrownBy(() -> result.output("maybe", new TypeRef<Optional<String>>() {}))
                .hasMessageContaining("the content of output 'maybe' is Long, not String");
        assertThat(result.output("array", new TypeRef<Price[]>() {})).hasSize(1);
    }

    @Test
    void typeArgumentsThatAreErasedAreRefusedRatherThanAssumed() {
        RunResult result = result(Map.of("box", new Box<>("text")));

        assertThatThrownBy(() -> result.output("box", new TypeRef<Box<Price>>() {}))
                .hasMessageContaining("output 'box' is a Box, whose type arguments are erased at run time")
                .hasMessageContaining("ask for Box.class or Box<?>");
        assertThat(result.output("box", new TypeRef<Box<?>>() {}).value()).isEqualTo("text");
    }

    @Test
    void aNullOutputIsReturnedAsNull() {
        Map<String, Object> outputs = new HashMap<>();
        outputs.put("nothing", null);

        assertThat(result(outputs).output("nothing", Price.class)).isNull();
        assertThat(result(outputs).output("nothing", new TypeRef<List<Price>>() {})).isNull();
    }

    @Test
    void aRawTypeRefIsRefused() {
        @SuppressWarnings("rawtypes")
        class Raw extends TypeRef {
        }
        assertThatThrownBy(Raw::new).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("new TypeRef<List<Price>>() {}");
    }
}
