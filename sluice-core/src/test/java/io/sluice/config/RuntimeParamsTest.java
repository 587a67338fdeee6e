package io.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuntimeParamsTest {

    @Test
    void typesValuesLikeYamlScalars() {
        LinkedHashMap<String, Object> params = RuntimeParams.parse("a.b=1,c=1.5,d=true,e=null,f=x,g=3000000000");
        assertThat(params).containsExactly(
                entry("a.b", 1), entry("c", 1.5), entry("d", true), entry("e", null), entry("f", "x"),
                entry("g", 3_000_000_000L));
    }

    @Test
    void quotedValuesStayStringsAndKeepTheirCommas() {
        assertThat(RuntimeParams.parse("a=\"1\", b='x,y' ,c=it's"))
                .containsExactly(entry("a", "1"), entry("b", "x,y"), entry("c", "it's"));
    }

    @Test
    void valuesMayContainEqualsSignsAndBeEmpty() {
        assertThat(RuntimeParams.parse("query=a=b,empty=")).containsExactly(entry("query", "a=b"), entry("empty", ""));
    }

    @Test
    void trimsKeysAndUnquotedValues() {
        assertThat(RuntimeParams.parse(" a = 2 , b= x y ")).containsExactly(entry("a", 2), entry("b", "x y"));
    }

    @Test
    void repeatedSpecsOverrideEarlierOnesKeyByKey() {
        assertThat(RuntimeParams.parseAll(List.of("a=1,b=2", "b=3,c=4")))
                .containsExactly(entry("a", 1), entry("b", 3), entry("c", 4));
    }

    @Test
    void aBlankSpecIsEmpty() {
        assertThat(RuntimeParams.parse("  ")).isEmpty();
    }

    @Test
    void anItemWithoutEqualsIsAnError() {
        assertThatThrownBy(() -> RuntimeParams.parse("a=1,model.lr"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("--params: item \"model.lr\" has no '='. Write items as key=value separated by commas, "
                        + "e.g. --params model.lr=0.1,name=x.");
    }

    @Test
    void anEmptyKeyIsAnError() {
        assertThatThrownBy(() -> RuntimeParams.parse("=1"))
                .hasMessage("--params: item \"=1\" has an empty key. Write items as key=value separated by commas, "
                        + "e.g. --params model.lr=0.1,name=x.");
    }

    @Test
    void anEmptyKeyPartIsAnError() {
        assertThatThrownBy(() -> RuntimeParams.parse("model..lr=1"))
                .hasMessage("--params: item \"model..lr=1\" has an empty part in its key \"model..lr\". "
                        + "Write dotted keys without empty parts, e.g. model.lr=0.1.");
    }

    @Test
    void anEmptyItemIsAnError() {
        assertThatThrownBy(() -> RuntimeParams.parse("a=1,,b=2"))
                .hasMessage("--params: empty item in \"a=1,,b=2\". Separate items with single commas. "
                        + "Write items as key=value separated by commas, e.g. --params model.lr=0.1,name=x.");
    }

    @Test
    void anUnclosedQuoteIsAnError() {
        assertThatThrownBy(() -> RuntimeParams.parse("a='x,b=2"))
                .hasMessage("--params: item \"a='x,b=2\" has an unclosed quote. Close the quote, e.g. name='a,b'.");
    }

    @Test
    void textAfterAClosingQuoteIsAnError() {
        assertThatThrownBy(() -> RuntimeParams.parse("a='x'y,b=2"))
                .hasMessage("--params: item \"a='x'y\" has text after its closing quote. "
                        + "Quote the whole value, e.g. name='a b'.");
    }

    private static java.util.Map.Entry<String, Object> entry(String k, Object v) {
        return new java.util.AbstractMap.SimpleEntry<>(k, v);
    }
}
