package io.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConfigPathsTest {
    private final ConfigMap params = (ConfigMap) ConfigYaml.parse("""
            model:
              lr: 0.1
              layers: [8, 16]
            name: run
            """, "conf/base/parameters.yml");

    @Test
    void findsNestedValuesAndListItems() {
        assertThat(ConfigPaths.get(params, "model.lr").unwrap()).isEqualTo(0.1);
        assertThat(ConfigPaths.get(params, "model.layers.1").unwrap()).isEqualTo(16);
        assertThat(ConfigPaths.find(params, "model.depth")).isEmpty();
    }

    @Test
    void aMissingKeyListsTheKeysAvailableWhereTheLookupFailed() {
        assertThatThrownBy(() -> ConfigPaths.get(params, "model.depth", "parameters"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("conf/base/parameters.yml:2:3: \"model.depth\" is not defined: no key \"depth\" under "
                        + "\"model\" in parameters (available: lr, layers). Use one of the available keys, "
                        + "or define \"model.depth\".");
    }

    @Test
    void aPathThroughAScalarSaysSo() {
        assertThatThrownBy(() -> ConfigPaths.get(params, "name.first", "parameters"))
                .hasMessage("conf/base/parameters.yml:4:7: \"name.first\" is not defined: \"name\" in parameters is a "
                        + "scalar, not a mapping, so it has no key \"first\". Fix the path, "
                        + "or define \"name.first\".");
    }
}
