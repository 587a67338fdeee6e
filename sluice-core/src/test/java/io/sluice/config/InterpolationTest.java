package io.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InterpolationTest {
    @TempDir
    Path dir;
    TestProject project;

    @BeforeEach
    void setUp() {
        project = new TestProject(dir).mkdir("conf/base");
    }

    private ConfigMap parameters(String yaml) {
        project.write("conf/base/parameters.yml", yaml);
        return project.load("local").parameters();
    }

    @Test
    void catalogTemplateKeysAreUsableAndThenRemoved() {
        project.write("conf/base/catalog.yml", """
                _base_path: data/01_raw
                _csv: &csv
                  type: csv
                companies:
                  <<: *csv
                  path: ${_base_path}/companies.csv
                """);

        ConfigMap catalog = project.load("local").catalog();

        assertThat(catalog.unwrap()).isEqualTo(Map.of("companies", Map.of("type", "csv", "path", "data/01_raw/companies.csv")));
    }

    @Test
    void theEnvironmentOverrideIsSeenByBaseReferences() {
        project.write("conf/base/catalog.yml", "_root: data\nx: {path: '${_root}/x.csv'}\n")
                .write("conf/prod/catalog.yml", "_root: s3://bucket\n");

        assertThat(project.load("prod").catalog().unwrap()).isEqualTo(Map.of("x", Map.of("path", "s3://bucket/x.csv")));
    }

    @Test
    void underscoreKeysStayInParameters() {
        assertThat(parameters("_hidden: 1\nshown: ${_hidden}\n").unwrap()).isEqualTo(Map.of("_hidden", 1, "shown", 1));
    }

    @Test
    void aWholeValueInterpolationKeepsItsType() {
        project.write("conf/base/globals.yml", "n: 5\nflag: true\ndb: {host: h, port: 5432}\n");

        ConfigMap params = parameters("""
                n: ${globals:n}
                flag: ${globals:flag}
                db: ${globals:db}
                again: ${db.port}
                text: n is ${globals:n}
                """);

        assertThat(params.get("n").unwrap()).isEqualTo(5);
        assertThat(params.get("flag").unwrap()).isEqualTo(true);
        assertThat(params.get("db").unwrap()).isEqualTo(Map.of("host", "h", "port", 5432));
        assertThat(params.get("again").unwrap()).isEqualTo(5432);
        assertThat(params.get("text").unwrap()).isEqualTo("n is 5");
        assertThat(params.get("n").location()).hasToString("conf/base/parameters.yml:1:4");
    }

    @Test
    void globalsDefaultsAreTypedUnlessQuoted() {
        ConfigMap params = parameters("""
                a: ${globals:missing, 7}
                b: ${globals:missing, '7'}
                c: ${globals:missing.deeper, null}
                d: ${globals:missing, x, y}
                """);

        assertThat(params.get("a").unwrap()).isEqualTo(7);
        assertThat(params.get("b").unwrap()).isEqualTo("7");
        assertThat(params.get("c").unwrap()).isNull();
        assertThat(params.get("d").unwrap()).isEqualTo("x, y");
    }

    @Test
    void envReadsTheInjectedVariablesAsStrings() {
        project.write("conf/base/credentials.yml", """
                db:
                  user: ${env:DB_USER}
                  port: ${env:DB_PORT}
                  pass: ${env:DB_PASS, changeme}
                  url: jdbc://${env:DB_HOST, localhost}:${env:DB_PORT}
                """);

        ConfigMap credentials = project.load("local", Map.of(), Map.of("DB_USER", "ada", "DB_PORT", "5432")).credentials();

        assertThat(credentials.get("db").unwrap()).isEqualTo(Map.of(
                "user", "ada", "port", "5432", "pass", "changeme", "url", "jdbc://localhost:5432"));
    }

    @Test
    void runtimeParamsResolverUsesTheGivenValueOrTheDefault() {
        project.write("conf/base/catalog.yml", """
                scores:
                  path: data/${runtime_params:run.date, latest}/scores.csv
                  limit: ${runtime_params:limit, 100}
                """);

        ConfigMap given = project.load("local", Map.of("run.date", "2024-05-01", "limit", 5), Map.of()).catalog();
        ConfigMap defaulted = project.load("local").catalog();

        assertThat(given.get("scores").unwrap()).isEqualTo(Map.of("path", "data/2024-05-01/scores.csv", "limit", 5));
        assertThat(defaulted.get("scores").unwrap()).isEqualTo(Map.of("path", "data/latest/scores.csv", "limit", 100));
    }

    @Test
    void referencesSeeRuntimeParamOverrides() {
        ConfigMap params = project.write("conf/base/parameters.yml", "lr: 0.1\nopt: {lr: '${lr}'}\n")
                .load("local", Map.of("lr", 0.3), Map.of()).parameters();

        assertThat(params.unwrap()).isEqualTo(Map.of("lr", 0.3, "opt", Map.of("lr", 0.3)));
    }

    @Test
    void globalsMayReferToThemselves() {
        project.write("conf/base/globals.yml", "root: /data\nraw: ${root}/raw\nalso: ${globals:raw}\n");

        assertThat(project.load("local").globals().unwrap())
                .isEqualTo(Map.of("root", "/data", "raw", "/data/raw", "also", "/data/raw"));
    }

    @Test
    void defaultsMayThemselvesInterpolate() {
        project.write("conf/base/globals.yml", "fallback: 3\n");

        assertThat(parameters("a: ${runtime_params:a, ${globals:fallback}}\n").get("a").unwrap()).isEqualTo(3);
    }

    @Test
    void listItemsCanBeReferencedByIndex() {
        assertThat(parameters("sizes: [8, 16]\nsecond: ${sizes.1}\n").get("second").unwrap()).isEqualTo(16);
    }

    @Test
    void doubleDollarEscapesAnInterpolation() {
        ConfigMap params = parameters("""
                literal: $${not.a.reference}
                mixed: cost is $${price} for ${name}
                name: x
                copy: ${literal}
                """);

        assertThat(params.get("literal").unwrap()).isEqualTo("${not.a.reference}");
        assertThat(params.get("copy").unwrap()).isEqualTo("${not.a.reference}");
        assertThat(params.get("mixed").unwrap()).isEqualTo("cost is ${price} for x");
    }

    @Test
    void anUnknownReferenceIsLocatedAndSuggestsTheFix() {
        project.write("conf/base/catalog.yml", """
                _base_path: data
                companies:
                  path: ${_base_pth}/companies.csv
                """);

        assertThatThrownBy(() -> project.load("local"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("conf/base/catalog.yml:3:9: unknown reference ${_base_pth}: no key \"_base_pth\" in catalog "
                        + "(available: _base_path, companies). Define \"_base_pth\", fix the spelling, "
                        + "or write $${_base_pth} for a literal \"${_base_pth}\".");
    }

    @Test
    void anUnknownNestedReferenceNamesTheLevelWhereItFailed() {
        assertThatThrownBy(() -> parameters("model:\n  lr: 1\nx: ${model.rate}\n"))
                .hasMessage("conf/base/parameters.yml:3:4: unknown reference ${model.rate}: no key \"rate\" under "
                        + "\"model\" in parameters (available: lr). Define \"model.rate\", fix the spelling, "
                        + "or write $${model.rate} for a literal \"${model.rate}\".");
    }

    @Test
    void anUnknownGlobalWithoutDefaultIsAnError() {
        project.write("conf/base/globals.yml", "db: {port: 1}\n");

        assertThatThrownBy(() -> parameters("host: ${globals:db.host}\n"))
                .hasMessage("conf/base/parameters.yml:1:7: unknown reference ${globals:db.host}: no key \"host\" under "
                        + "\"db\" in globals (available: port). Define \"db.host\" in a globals file, "
                        + "or give a default: ${globals:db.host, <default>}.");
    }

    @Test
    void anUnsetEnvironmentVariableIsAnError() {
        project.write("conf/base/credentials.yml", "db:\n  pass: ${env:DB_PASS}\n");

        assertThatThrownBy(() -> project.load("local"))
                .hasMessage("conf/base/credentials.yml:2:9: environment variable \"DB_PASS\" is not set "
                        + "(in ${env:DB_PASS}). Set it, or give a default: ${env:DB_PASS, <default>}.");
    }

    @Test
    void anUnsetRuntimeParamIsAnError() {
        assertThatThrownBy(() -> parameters("date: ${runtime_params:run.date}\n"))
                .hasMessage("conf/base/parameters.yml:1:7: runtime param \"run.date\" is not set "
                        + "(in ${runtime_params:run.date}). Pass it with --params run.date=<value>, "
                        + "or give a default: ${runtime_params:run.date, <default>}.");
    }

    @Test
    void anUnknownResolverListsTheKnownOnes() {
        assertThatThrownBy(() -> parameters("home: ${oc.env:HOME}\n"))
                .hasMessage("conf/base/parameters.yml:1:7: unknown resolver \"oc.env\" in ${oc.env:HOME}. "
                        + "Use one of: env, globals, runtime_params, run.");
    }

    @Test
    void aReferenceCycleNamesTheChain() {
        assertThatThrownBy(() -> parameters("""
                a: ${b}
                b:
                  c: ${d}
                d: ${a}
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessage("conf/base/parameters.yml:4:4: reference cycle in parameters: a -> b -> b.c -> d -> a. "
                        + "Replace one of these references with a value.");
    }

    @Test
    void aSelfReferenceIsACycle() {
        assertThatThrownBy(() -> parameters("x:\n  y: ${x}\n"))
                .hasMessage("conf/base/parameters.yml:2:6: reference cycle in parameters: x -> x.y -> x. "
                        + "Replace one of these references with a value.");
    }

    @Test
    void aMappingCannotBeEmbeddedInText() {
        assertThatThrownBy(() -> parameters("db: {port: 1}\nurl: at ${db}\n"))
                .hasMessage("conf/base/parameters.yml:2:6: ${db} is a mapping and cannot be embedded in the string "
                        + "\"at ${db}\". Make ${db} the whole value, or refer to a scalar inside it.");
    }

    @Test
    void anUnclosedInterpolationIsAnError() {
        assertThatThrownBy(() -> parameters("x: \"${a\"\n"))
                .hasMessage("conf/base/parameters.yml:1:4: unclosed interpolation in \"${a\". "
                        + "Close it with '}', or write $${ for a literal \"${\".");
    }

    @Test
    void interpolationWorksInsideLists() {
        project.write("conf/base/globals.yml", "tag: prod\n");

        assertThat(parameters("tags: [a, '${globals:tag}']\n").get("tags").unwrap()).isEqualTo(List.of("a", "prod"));
    }

    @Test
    void otherKindsAreResolvedAndLoseTemplateKeysToo() {
        project.write("conf/base/globals.yml", "workers: 8\n")
                .write("conf/base/runners.yml", "_defaults: {retries: 2}\nfast: {workers: '${globals:workers}', retry: '${_defaults}'}\n");

        assertThat(project.load("local").get("runners").unwrap())
                .isEqualTo(Map.of("fast", Map.of("workers", 8, "retry", Map.of("retries", 2))));
    }
}
