package io.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigYamlTest {
    private static final String FILE = "conf/base/parameters.yml";

    private static ConfigMap parse(String yaml) {
        return (ConfigMap) ConfigYaml.parse(yaml, FILE);
    }

    private static Object value(String yaml) {
        return parse("v: " + yaml + "\n").get("v").unwrap();
    }

    @Test
    void typesPlainScalarsAsTheYamlCoreSchema() {
        assertThat(value("1")).isEqualTo(1);
        assertThat(value("-42")).isEqualTo(-42);
        assertThat(value("3000000000")).isEqualTo(3_000_000_000L);
        assertThat(value("123456789012345678901234567890")).isEqualTo(new BigInteger("123456789012345678901234567890"));
        assertThat(value("0x1F")).isEqualTo(31);
        assertThat(value("0o17")).isEqualTo(15);
        assertThat(value("1.5")).isEqualTo(1.5);
        assertThat(value("1e3")).isEqualTo(1000.0);
        assertThat(value(".inf")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(value("true")).isEqualTo(true);
        assertThat(value("False")).isEqualTo(false);
        assertThat(value("null")).isNull();
        assertThat(value("~")).isNull();
        assertThat(value("")).isNull();
        assertThat(value("hello world")).isEqualTo("hello world");
    }

    @Test
    void keepsYaml11ExtrasAndQuotedScalarsAsStrings() {
        assertThat(value("yes")).isEqualTo("yes");
        assertThat(value("off")).isEqualTo("off");
        assertThat(value("2024-01-31")).isEqualTo("2024-01-31");
        assertThat(value("'1'")).isEqualTo("1");
        assertThat(value("\"true\"")).isEqualTo("true");
        assertThat(value("!!str 12")).isEqualTo("12");
        assertThat(value("!!float 2")).isEqualTo(2.0);
    }

    @Test
    void recordsTheLineAndColumnOfNestedKeysAndValues() {
        ConfigMap root = parse("""
                model:
                  layers:
                    - size: 10
                  lr:   0.1
                """);
        ConfigMap model = (ConfigMap) root.get("model");
        assertThat(root.keyLocation("model")).hasToString("conf/base/parameters.yml:1:1");
        assertThat(model.keyLocation("lr")).hasToString("conf/base/parameters.yml:4:3");
        assertThat(model.get("lr").location()).hasToString("conf/base/parameters.yml:4:9");
        ConfigMap layer = (ConfigMap) ((ConfigList) model.get("layers")).items().get(0);
        assertThat(layer.keyLocation("size")).hasToString("conf/base/parameters.yml:3:7");
        assertThat(layer.get("size").location()).isEqualTo(new Location(FILE, 3, 13));
    }

    @Test
    void rejectsADuplicateKeyInOneMappingNamingBothPlaces() {
        assertThatThrownBy(() -> parse("""
                model:
                  lr: 0.1
                  depth: 3
                  lr: 0.2
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessage("conf/base/parameters.yml:4:3: duplicate key \"lr\" "
                        + "(first defined at conf/base/parameters.yml:2:3). Remove or rename one of them.")
                .extracting(e -> ((ConfigException) e).location())
                .isEqualTo(new Location(FILE, 4, 3));
    }

    @Test
    void mergeKeysCopyAnchoredMappingsAndWrittenKeysWin() {
        ConfigMap root = parse("""
                _csv: &csv
                  type: csv
                  sep: ","
                companies:
                  <<: *csv
                  sep: ";"
                  path: data/companies.csv
                """);
        assertThat(root.get("companies").unwrap())
                .isEqualTo(Map.of("type", "csv", "sep", ";", "path", "data/companies.csv"));
        assertThat(((ConfigMap) root.get("companies")).keys()).containsExactly("type", "sep", "path");
    }

    @Test
    void reportsATabIndentationWithItsPosition() {
        assertThatThrownBy(() -> parse("model:\n\tlr: 1\n"))
                .hasMessage("conf/base/parameters.yml:2:1: invalid YAML: a tab character is used for indentation. "
                        + "Indent with spaces only.");
    }

    @Test
    void reportsAnUnquotedColonInAValue() {
        assertThatThrownBy(() -> parse("url: http://x\ntitle: a: b\n"))
                .hasMessage("conf/base/parameters.yml:2:9: invalid YAML: a ':' is not allowed here. "
                        + "Quote the value if it contains ': ', or fix the indentation of this line.");
    }

    @Test
    void reportsAnUnclosedQuote() {
        assertThatThrownBy(() -> parse("a: 'open\nb: 2\n"))
                .hasMessage("conf/base/parameters.yml:3:1: invalid YAML: a quoted string is never closed. "
                        + "Add the closing quote.");
    }

    @Test
    void reportsABadIndentation() {
        assertThatThrownBy(() -> parse("a:\n  b: 1\n c: 2\n"))
                .hasMessage("conf/base/parameters.yml:3:2: invalid YAML: this line is indented differently "
                        + "from the lines before it. Align it with the keys it belongs to.");
    }

    @Test
    void rejectsUnsupportedTags() {
        assertThatThrownBy(() -> parse("a: !secret xyz\n"))
                .hasMessage("conf/base/parameters.yml:1:4: unsupported YAML tag !secret. "
                        + "Remove the tag; config supports only !!str, !!int, !!float, !!bool and !!null.");
    }

    @Test
    void aConfigFileMustBeAMapping(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("catalog.yml");
        Files.writeString(file, "- a\n- b\n");
        assertThatThrownBy(() -> ConfigYaml.parseMapFile(file, "conf/base/catalog.yml"))
                .hasMessage("conf/base/catalog.yml:1:1: the file holds a list, but a config file must be "
                        + "a mapping of keys to values. Write it as `key: value` lines.");
    }

    @Test
    void anEmptyFileIsAnEmptyMapping(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("catalog.yml");
        Files.writeString(file, "# nothing yet\n");
        assertThat(ConfigYaml.parseMapFile(file, "conf/base/catalog.yml").keys()).isEmpty();
    }

    @Test
    void listsKeepTheirOrderAndTypes() {
        assertThat(value("[1, two, 3.0, null]")).isEqualTo(Arrays.asList(1, "two", 3.0, null));
    }
}
