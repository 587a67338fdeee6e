package io.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    void bracketsMakeListsAndMappingsWithTypedQuotedAndNestedItems() {
        assertThat(RuntimeParams.parse("features=[engines, crew,'x,y'],model={lr: 0.1, layers: [4, 2], name: \"1\"},"
                + "empty=[],none={},n=2"))
                .containsExactly(entry("features", List.of("engines", "crew", "x,y")),
                        entry("model", map("lr", 0.1, "layers", List.of(4, 2), "name", "1")),
                        entry("empty", List.of()), entry("none", Map.of()), entry("n", 2));
    }

    @Test
    void malformedCollectionsAreErrorsNamingTheItem() {
        assertThatThrownBy(() -> RuntimeParams.parse("a=[1,2,b=3"))
                .hasMessage("--params: item \"a=[1,2,b=3\" has an unclosed bracket or quote. Close every [ with ] and "
                        + "{ with }, e.g. a=[1,2].");
        assertThatThrownBy(() -> RuntimeParams.parse("a=[1]x,b=2"))
                .hasMessage("--params: item \"a=[1]x\" has text after its closing bracket. End the value with its "
                        + "bracket, e.g. a=[1,2].");
        assertThatThrownBy(() -> RuntimeParams.parse("a=[1,,2]"))
                .hasMessageContaining("has an empty element at column 6");
        assertThatThrownBy(() -> RuntimeParams.parse("m={lr 0.1}"))
                .hasMessageContaining("expects ':' at column 10, found '}'");
    }

    @Test
    void formatWritesWhatParseReadsBack() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("a.b", 1);
        params.put("s", "1");
        params.put("t", "x,y");
        params.put("u", "it's");
        params.put("v", "");
        params.put("w", " padded ");
        params.put("l", List.of("engines", 2, true, List.of()));
        params.put("m", map("lr", 0.1, "k:ey", "[x]", "n", null));
        params.put("inf", Double.NEGATIVE_INFINITY);

        String spec = RuntimeParams.format(params);

        assertThat(spec).startsWith("a.b=1,s='1',t='x,y',u=\"it's\",v='',w=' padded ',l=[engines,2,true,[]],");
        assertThat(RuntimeParams.parse(spec)).isEqualTo(params);
    }

    @Test
    void formatRoundTripsSeededRandomParameters() {
        java.util.Random random = new java.util.Random(20261122L);
        for (int i = 0; i < 500; i++) {
            Map<String, Object> params = new LinkedHashMap<>();
            int n = 1 + random.nextInt(4);
            for (int k = 0; k < n; k++) {
                params.put("p" + k + (random.nextBoolean() ? ".q" : ""), randomValue(random, 2));
            }
            String spec = RuntimeParams.format(params);
            assertThat(RuntimeParams.parse(spec)).as(spec).isEqualTo(params);
        }
    }

    private static Object randomValue(java.util.Random random, int depth) {
        String chars = "ab1.,[]{}:'\" -=x0";
        return switch (random.nextInt(depth > 0 ? 8 : 6)) {
            case 0 -> random.nextInt(2000) - 1000;
            case 1 -> random.nextInt(1000) / 8.0;
            case 2 -> random.nextBoolean();
            case 3 -> null;
            case 4, 5 -> {
                StringBuilder b = new StringBuilder();
                int len = random.nextInt(6);
                for (int i = 0; i < len; i++) {
                    b.append(chars.charAt(random.nextInt(chars.length())));
                }
                String text = b.toString();
                // a string holding both quote kinds cannot be written (there are no escapes)
                yield text.contains("'") && text.contains("\"") ? text.replace("\"", "") : text;
            }
            case 6 -> {
                List<Object> list = new java.util.ArrayList<>();
                for (int i = random.nextInt(3); i > 0; i--) {
                    list.add(randomValue(random, depth - 1));
                }
                yield list;
            }
            default -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (int i = random.nextInt(3); i > 0; i--) {
                    map.put("k" + i, randomValue(random, depth - 1));
                }
                yield map;
            }
        };
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
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
