package io.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigBinderTest {
    private static final String FILE = "conf/base/section.yml";

    enum Mode { FIXED, EXPONENTIAL_BACKOFF }

    record Backoff(Duration initial, @ConfigBinder.Range(min = 1, max = 10) int factor) {
    }

    record Options(String name, @ConfigBinder.Range(min = 0, max = 65535) int port, long count, boolean enabled,
                   double ratio, char separator, Mode mode, Duration timeout, @ConfigBinder.Bytes long maxBody,
                   List<String> tags, List<Integer> ids, Map<String, Integer> weights, Optional<String> label,
                   Backoff backoff) {
    }

    private static final Options DEFAULTS = new Options("default", 8080, 0, false, 0.5, ',', Mode.FIXED,
            Duration.ofSeconds(30), 1 << 20, List.of(), List.of(), Map.of(), Optional.empty(),
            new Backoff(Duration.ofSeconds(1), 2));

    private static final ConfigBinder<Options> BINDER = ConfigBinder.of(Options.class, "the test section");

    @TempDir
    Path dir;
    TestProject project;

    @BeforeEach
    void setUp() {
        project = new TestProject(dir).mkdir("conf/base");
    }

    private ConfigMap section(String yaml) {
        return project.write(FILE, yaml).load("local").get("section");
    }

    private Options bind(String yaml) {
        return BINDER.bind(section(yaml), DEFAULTS);
    }

    private String errorOf(String yaml) {
        ConfigMap section = section(yaml);
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> BINDER.bind(section, DEFAULTS));
        assertThat(thrown).isInstanceOf(ConfigException.class);
        return thrown.getMessage();
    }

    // ------------------------------------------------------------------ keys and defaults

    @Test
    void keysAreTheSnakeCaseOfTheComponentNamesInComponentOrder() {
        assertThat(BINDER.keys()).containsExactly("name", "port", "count", "enabled", "ratio", "separator", "mode",
                "timeout", "max_body", "tags", "ids", "weights", "label", "backoff");
        assertThat(BINDER.what()).isEqualTo("the test section");
    }

    record Acronyms(int httpURLPath, int s3Bucket, int maxP99Latency, int x) {
    }

    @Test
    void acronymsAndDigitsEndWordsInKeys() {
        assertThat(ConfigBinder.of(Acronyms.class, "a").keys())
                .containsExactly("http_url_path", "s3_bucket", "max_p99_latency", "x");
    }

    @Test
    void expectedSaysWhatEachKeyAcceptsAsErrorsSayIt() {
        assertThat(BINDER.expected("port")).isEqualTo("an integer from 0 to 65535");
        assertThat(BINDER.expected("timeout")).isEqualTo("a duration such as 500ms, 5s, 2m or PT5S");
        assertThat(BINDER.expected("max_body")).isEqualTo("a size such as 1048576, 512KiB or 1MiB");
        assertThat(BINDER.expected("mode")).isEqualTo("fixed or exponential_backoff");
        assertThat(BINDER.expected("tags")).isEqualTo("a list or a comma-separated string");
        assertThat(BINDER.expected("backoff")).isEqualTo("a mapping");
        assertThatThrownBy(() -> BINDER.expected("prot")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anEmptySectionIsTheDefaults() {
        assertThat(bind("# nothing set\n")).isEqualTo(DEFAULTS);
    }

    @Test
    void aNullValueTakesTheDefault() {
        assertThat(bind("name: ~\nport: null\n")).isEqualTo(DEFAULTS);
    }

    @Test
    void bindsEveryKindOfValue() {
        Options o = bind("""
                name: api
                port: 9000
                count: 3000000000
                enabled: true
                ratio: 2
                separator: ';'
                mode: exponential_backoff
                timeout: 250ms
                max_body: 512KiB
                tags: [a, b]
                ids: [1, 2]
                weights: {z: 1, a: 2}
                label: blue
                backoff: {initial: 2s, factor: 3}
                """);

        assertThat(o).isEqualTo(new Options("api", 9000, 3_000_000_000L, true, 2.0, ';', Mode.EXPONENTIAL_BACKOFF,
                Duration.ofMillis(250), 512 * 1024, List.of("a", "b"), List.of(1, 2), Map.of("z", 1, "a", 2),
                Optional.of("blue"), new Backoff(Duration.ofSeconds(2), 3)));
        assertThat(o.weights().keySet()).containsExactly("z", "a");
    }

    record Free(String name, Optional<ConfigValue> grid) {
    }

    @Test
    void aConfigValueComponentKeepsAnyValueAsWrittenWithItsLocations() {
        Free free = ConfigBinder.of(Free.class, "the free section").bind(section("""
                name: tuning
                grid:
                  model.alpha: [0.1, 1]
                """), new Free("none", Optional.empty()));

        ConfigMap grid = (ConfigMap) free.grid().orElseThrow();
        assertThat(grid.unwrap()).isEqualTo(Map.of("model.alpha", List.of(0.1, 1)));
        assertThat(grid.keyLocation("model.alpha").toString()).endsWith("section.yml:3:3");
        assertThat(RecordValues.of(free)).containsEntry("grid", Map.of("model.alpha", List.of(0.1, 1)));
        assertThat(ConfigBinder.of(Free.class, "x").bind(section("name: a\n"), new Free("b", Optional.empty())))
                .isEqualTo(new Free("a", Optional.empty()));
    }

    // ------------------------------------------------------------------ scalars

    @Test
    void aStringDoesNotTakeANumber() {
        assertThat(errorOf("name: 5\n")).isEqualTo(FILE + ":1:7: name must be a string, got 5.");
    }

    @Test
    void anIntegerOutsideItsRangeNamesTheRange() {
        assertThat(errorOf("port: 70000\n"))
                .isEqualTo(FILE + ":1:7: port must be an integer from 0 to 65535, got 70000.");
        assertThat(errorOf("port: http\n"))
                .isEqualTo(FILE + ":1:7: port must be an integer from 0 to 65535, got 'http'.");
    }

    @Test
    void anIntegerTooLargeForItsTypeNamesTheTypesRange() {
        assertThat(errorOf("count: 99999999999999999999\n")).isEqualTo(FILE + ":1:8: count must be an integer from"
                + " -9223372036854775808 to 9223372036854775807, got 99999999999999999999.");
    }

    @Test
    void aFractionIsNotAnInteger() {
        assertThat(errorOf("count: 1.5\n")).isEqualTo(FILE + ":1:8: count must be an integer, got 1.5.");
    }

    record Bounded(@ConfigBinder.Range(min = 1) int atLeastOne, @ConfigBinder.Range(max = 9) long atMostNine) {
    }

    @Test
    void aHalfOpenRangeIsSaidAsAtLeastOrAtMost() {
        ConfigBinder<Bounded> binder = ConfigBinder.of(Bounded.class, "b");

        assertThatThrownBy(() -> binder.bind(section("at_least_one: 0\n"), new Bounded(1, 1)))
                .hasMessage(FILE + ":1:15: at_least_one must be an integer of at least 1, got 0.");
        assertThatThrownBy(() -> binder.bind(section("at_most_nine: 10\n"), new Bounded(1, 1)))
                .hasMessage(FILE + ":1:15: at_most_nine must be an integer of at most 9, got 10.");
    }

    @Test
    void booleansAreTrueOrFalseOnly() {
        assertThat(bind("enabled: True\n").enabled()).isTrue();
        assertThat(errorOf("enabled: yes\n"))
                .isEqualTo(FILE + ":1:10: enabled must be a boolean (true or false), got 'yes'.");
        assertThat(errorOf("enabled: 1\n"))
                .isEqualTo(FILE + ":1:10: enabled must be a boolean (true or false), got 1.");
    }

    @Test
    void aDoubleTakesAnyNumber() {
        assertThat(bind("ratio: 1e-3\n").ratio()).isEqualTo(0.001);
        assertThat(errorOf("ratio: half\n")).isEqualTo(FILE + ":1:8: ratio must be a number, got 'half'.");
    }

    @Test
    void aCharIsAOneCharacterString() {
        assertThat(bind("separator: \"\\t\"\n").separator()).isEqualTo('\t');
        assertThat(errorOf("separator: ab\n"))
                .isEqualTo(FILE + ":1:12: separator must be a single character, got 'ab'.");
    }

    @Test
    void valuesFromEnvironmentVariablesAreTypedAsYamlWouldTypeThem() {
        project.write(FILE, "port: ${env:PORT}\nenabled: ${env:ON}\nratio: ${env:RATIO}\ntimeout: ${env:T}\n");

        Options o = BINDER.bind(project.load("local", Map.of(),
                Map.of("PORT", "9000", "ON", "true", "RATIO", "0.25", "T", "45")).get("section"), DEFAULTS);

        assertThat(o.port()).isEqualTo(9000);
        assertThat(o.enabled()).isTrue();
        assertThat(o.ratio()).isEqualTo(0.25);
        assertThat(o.timeout()).isEqualTo(Duration.ofSeconds(45));
    }

    // ------------------------------------------------------------------ enums

    @Test
    void enumConstantsAreWrittenInLowerSnakeCase() {
        assertThat(bind("mode: exponential_backoff\n").mode()).isEqualTo(Mode.EXPONENTIAL_BACKOFF);
    }

    @Test
    void anUnknownEnumNameListsTheAllowedOnes() {
        assertThat(errorOf("mode: EXPONENTIAL_BACKOFF\n")).isEqualTo(FILE + ":1:7: mode must be fixed or"
                + " exponential_backoff, got 'EXPONENTIAL_BACKOFF'.");
    }

    // ------------------------------------------------------------------ durations

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"500ms, PT0.5S", "5s, PT5S", "2m, PT2M", "1h, PT1H", "PT5S, PT5S", "P1DT2H, PT26H", "30, PT30S",
            "'5 s', PT5S", "0, PT0S"})
    void durationsAreWrittenWithAUnitAsIsoOrAsSeconds(String written, String expected) {
        assertThat(bind("timeout: " + written + "\n").timeout()).isEqualTo(Duration.parse(expected));
    }

    @Test
    void aNegativeDurationIsAnError() {
        assertThat(errorOf("timeout: -5\n"))
                .isEqualTo(FILE + ":1:10: timeout must be a duration of at least 0s, got -5.");
        assertThat(errorOf("timeout: -5s\n"))
                .isEqualTo(FILE + ":1:10: timeout must be a duration of at least 0s, got '-5s'.");
        assertThat(errorOf("timeout: PT-5S\n"))
                .isEqualTo(FILE + ":1:10: timeout must be a duration of at least 0s, got 'PT-5S'.");
    }

    @Test
    void aDurationTooLongForADurationIsAnError() {
        assertThat(errorOf("timeout: 9999999999999999999h\n")).isEqualTo(FILE
                + ":1:10: timeout must be a duration of at most 9223372036854775807s, got '9999999999999999999h'.");
        assertThat(errorOf("timeout: 99999999999999999999\n")).isEqualTo(FILE
                + ":1:10: timeout must be a duration of at most 9223372036854775807s, got 99999999999999999999.");
    }

    @Test
    void aDurationWithAnUnknownUnitIsAnError() {
        assertThat(errorOf("timeout: 5d\n"))
                .isEqualTo(FILE + ":1:10: timeout must be a duration such as 500ms, 5s, 2m or PT5S, got '5d'.");
        assertThat(errorOf("timeout: 1.5s\n"))
                .isEqualTo(FILE + ":1:10: timeout must be a duration such as 500ms, 5s, 2m or PT5S, got '1.5s'.");
        assertThat(errorOf("timeout: 1.5\n"))
                .isEqualTo(FILE + ":1:10: timeout must be a duration such as 500ms, 5s, 2m or PT5S, got 1.5.");
    }

    // ------------------------------------------------------------------ sizes

    @ParameterizedTest(name = "{0} is {1} bytes")
    @CsvSource({"1048576, 1048576", "512KiB, 524288", "1MiB, 1048576", "1MB, 1000000", "2GiB, 2147483648",
            "3GB, 3000000000", "1KB, 1000", "'10 B', 10", "'4 KiB', 4096", "0, 0"})
    void sizesAreBytesOrANumberWithAUnit(String written, long bytes) {
        assertThat(bind("max_body: " + written + "\n").maxBody()).isEqualTo(bytes);
    }

    @Test
    void aNegativeSizeIsAnError() {
        assertThat(errorOf("max_body: -1\n")).isEqualTo(FILE
                + ":1:11: max_body must be a size from 0 to 9223372036854775807 bytes, got -1.");
        assertThat(errorOf("max_body: -1KiB\n")).isEqualTo(FILE
                + ":1:11: max_body must be a size from 0 to 9223372036854775807 bytes, got '-1KiB'.");
    }

    @Test
    void aSizeTooLargeForALongIsAnError() {
        assertThat(errorOf("max_body: 9999999999GiB\n")).isEqualTo(FILE
                + ":1:11: max_body must be a size from 0 to 9223372036854775807 bytes, got '9999999999GiB'.");
    }

    @Test
    void aSizeWithAnUnknownUnitIsAnError() {
        assertThat(errorOf("max_body: 1 TB\n")).isEqualTo(FILE
                + ":1:11: max_body must be a size such as 1048576, 512KiB or 1MiB, got '1 TB'.");
        assertThat(errorOf("max_body: 1kib\n")).isEqualTo(FILE
                + ":1:11: max_body must be a size such as 1048576, 512KiB or 1MiB, got '1kib'.");
        assertThat(errorOf("max_body: 1.5MiB\n")).isEqualTo(FILE
                + ":1:11: max_body must be a size such as 1048576, 512KiB or 1MiB, got '1.5MiB'.");
    }

    record Buffer(@ConfigBinder.Bytes @ConfigBinder.Range(min = 1024, max = 1 << 20) int size) {
    }

    @Test
    void aSizeCanBeBoundedAndHeldInAnInt() {
        ConfigBinder<Buffer> binder = ConfigBinder.of(Buffer.class, "the buffer");

        assertThat(binder.bind(section("size: 64KiB\n"), new Buffer(4096)).size()).isEqualTo(65536);
        assertThatThrownBy(() -> binder.bind(section("size: 2MiB\n"), new Buffer(4096)))
                .hasMessage(FILE + ":1:7: size must be a size from 1024 to 1048576 bytes, got '2MiB'.");
    }

    // ------------------------------------------------------------------ lists, maps, optionals

    @Test
    void aListIsAYamlListOrACommaSeparatedString() {
        assertThat(bind("tags:\n  - a\n  - b\n").tags()).containsExactly("a", "b");
        assertThat(bind("tags: a, b,, c\n").tags()).containsExactly("a", "b", "c");
        assertThat(bind("ids: 1, 2\n").ids()).containsExactly(1, 2);
        assertThat(bind("tags: []\n").tags()).isEmpty();
    }

    @Test
    void aListItemOfTheWrongTypeIsNamedByItsIndexAtItsPlace() {
        assertThat(errorOf("ids:\n  - 1\n  - x\n")).isEqualTo(FILE + ":3:5: ids[1] must be an integer, got 'x'.");
        assertThat(errorOf("tags: {a: 1}\n"))
                .isEqualTo(FILE + ":1:7: tags must be a list or a comma-separated string, got a mapping.");
    }

    @Test
    void aMapKeepsTheFileOrderAndNamesAWrongValueByItsPath() {
        assertThat(bind("weights:\n  b: 1\n  a: 2\n").weights()).containsExactly(Map.entry("b", 1), Map.entry("a", 2));
        assertThat(errorOf("weights:\n  b: x\n")).isEqualTo(FILE + ":2:6: weights.b must be an integer, got 'x'.");
    }

    @Test
    void anOptionalIsPresentOnlyWhenWritten() {
        assertThat(bind("label: blue\n").label()).contains("blue");
        assertThat(bind("name: x\n").label()).isEmpty();
    }

    // ------------------------------------------------------------------ nested records

    @Test
    void aNestedRecordIsBoundOverTheNestedDefault() {
        assertThat(bind("backoff:\n  factor: 5\n").backoff()).isEqualTo(new Backoff(Duration.ofSeconds(1), 5));
    }

    @Test
    void aNestedKeyIsNamedByItsPath() {
        assertThat(errorOf("backoff:\n  factor: 11\n"))
                .isEqualTo(FILE + ":2:11: backoff.factor must be an integer from 1 to 10, got 11.");
        assertThat(errorOf("backoff: [1]\n")).isEqualTo(FILE + ":1:10: backoff must be a mapping, got a list.");
    }

    @Test
    void anUnknownNestedKeyIsReportedInItsSection() {
        assertThat(errorOf("backoff:\n  factr: 3\n")).isEqualTo(FILE + ":2:3: unknown key 'factr' in backoff of"
                + " the test section. Known keys: initial, factor. Did you mean 'factor'?");
    }

    record Credential(String user, Optional<String> password, List<String> roles, Map<String, String> tags) {
    }

    record Server(String host, @ConfigBinder.Fix("Example: auth: {user: api}") Credential auth,
                  List<Credential> more) {
    }

    private static final ConfigBinder<Server> SERVER = ConfigBinder.of(Server.class, "the server section");

    @Test
    void aNestedRecordWithoutDefaultNeedsItsKeysButOptionalsListsAndMaps() {
        Server s = SERVER.bind(section("auth: {user: api}\n"), new Server("h", null, List.of()));

        assertThat(s.auth()).isEqualTo(new Credential("api", Optional.empty(), List.of(), Map.of()));
        assertThat(s.host()).isEqualTo("h");
        assertThatThrownBy(() -> SERVER.bind(section("auth:\n  password: x\n"), new Server("h", null, List.of())))
                .isInstanceOf(ConfigValueException.class)
                .hasMessage(FILE + ":2:3: auth of the server section needs user. Example: auth: {user: api}");
    }

    @Test
    void recordsInAListHaveNoDefaults() {
        assertThatThrownBy(() -> SERVER.bind(section("more:\n  - user: a\n  - roles: [x]\n"),
                new Server("h", null, List.of())))
                .hasMessage(FILE + ":3:5: more[1] of the server section needs user.");
    }

    @Test
    void withoutADefaultsInstanceEveryOtherKeyIsRequired() {
        assertThatThrownBy(() -> SERVER.bind(section("auth: {user: a}\n"), null))
                .isInstanceOf(ConfigValueException.class)
                .hasMessageEndingWith(": the server section needs host.");
    }

    @Test
    void aFixIsAddedToErrorsAboutItsComponent() {
        assertThatThrownBy(() -> SERVER.bind(section("auth: api\n"), new Server("h", null, List.of())))
                .hasMessage(FILE + ":1:7: auth must be a mapping, got 'api'. Example: auth: {user: api}");
    }

    // ------------------------------------------------------------------ unknown keys, errors

    @Test
    void anUnknownKeyIsReportedAtItsPlaceWithTheKnownKeysAndASuggestion() {
        assertThat(errorOf("port: 1\nprot: 2\n")).isEqualTo(FILE + ":2:1: unknown key 'prot' in the test section."
                + " Known keys: name, port, count, enabled, ratio, separator, mode, timeout, max_body, tags, ids,"
                + " weights, label, backoff. Did you mean 'port'?");
    }

    @Test
    void anUnknownKeyFarFromEveryKnownOneHasNoSuggestion() {
        assertThat(errorOf("colour: red\n")).endsWith("weights, label, backoff.");
    }

    @Test
    void aWrongValueSaysWhichKeyWhatWasExpectedAndWhatWasFound() {
        ConfigMap section = section("port: http\n");

        assertThatThrownBy(() -> BINDER.bind(section, DEFAULTS)).isInstanceOfSatisfying(ConfigValueException.class,
                e -> {
                    assertThat(e.key()).isEqualTo("port");
                    assertThat(e.expected()).isEqualTo("an integer from 0 to 65535");
                    assertThat(e.found()).get().extracting(ConfigValue::unwrap).isEqualTo("http");
                    assertThat(e.location()).hasToString(FILE + ":1:7");
                });
    }

    record Window(int from, int to) {
        Window {
            if (from > to) {
                throw new IllegalArgumentException("from must not be after to, got " + from + " > " + to + ".");
            }
        }
    }

    @Test
    void theRecordsOwnValidationIsAConfigErrorAtTheSection() {
        ConfigBinder<Window> binder = ConfigBinder.of(Window.class, "the window");
        ConfigMap section = section("from: 5\nto: 1\n");

        assertThatThrownBy(() -> binder.bind(section, new Window(0, 0)))
                .isInstanceOf(ConfigException.class)
                .hasMessage(section.location() + ": the window is invalid: from must not be after to, got 5 > 1.");
    }

    @Test
    void aSectionThatIsNotAMappingIsAnError() {
        ConfigValue list = ConfigYaml.parse("[1, 2]\n", FILE);

        assertThatThrownBy(() -> BINDER.bind(list, DEFAULTS))
                .hasMessage(FILE + ":1:1: the test section must be a mapping, got a list.");
    }

    private record Hidden(int n) {
    }

    @Test
    void privateRecordsBindToo() {
        assertThat(ConfigBinder.of(Hidden.class, "h").bind(section("n: 3\n"), new Hidden(0))).isEqualTo(new Hidden(3));
    }

    // ------------------------------------------------------------------ records that cannot be bound

    record WithSet(Set<String> names) {
    }

    record RangeOnString(@ConfigBinder.Range(min = 1) String name) {
    }

    record Loop(String name, Loop next) {
    }

    @Test
    void aRecordWithAnUnsupportedTypeIsRefusedWhenTheBinderIsMade() {
        assertThatThrownBy(() -> ConfigBinder.of(WithSet.class, "w"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cannot bind " + WithSet.class.getName() + ".names: type"
                        + " java.util.Set<java.lang.String> is not supported");
        assertThatThrownBy(() -> ConfigBinder.of(RangeOnString.class, "r"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("@Range and @Bytes apply to int and long, not to java.lang.String");
        assertThatThrownBy(() -> ConfigBinder.of(Loop.class, "l"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("contains itself; a config section is a finite tree");
    }

    // ------------------------------------------------------------------ single values

    @Test
    void singleValuesConvertAsComponentsOfTheirTypeWould() {
        ConfigMap s = section("n: 7\nflag: ${env:UNSET, true}\nitems: a, b\nwait: 2m\n");

        assertThat(ConfigBinder.convert(s.get("n"), int.class, "n")).isEqualTo(7);
        assertThat(ConfigBinder.convert(s.get("flag"), Boolean.class, "flag")).isTrue();
        assertThat(ConfigBinder.convert(s.get("wait"), Duration.class, "wait")).isEqualTo(Duration.ofMinutes(2));
        assertThat(ConfigBinder.convertList(s.get("items"), String.class, "items")).containsExactly("a", "b");
        assertThatThrownBy(() -> ConfigBinder.convert(s.get("items"), int.class, "items"))
                .isInstanceOf(ConfigValueException.class)
                .hasMessage(FILE + ":3:8: items must be an integer, got 'a, b'.");
    }

    record Plugin(String name, Optional<ConfigMap> args, Optional<ConfigScalar> target) {
    }

    @Test
    void aConfigValueComponentKeepsTheValueAsWrittenWithItsLocation() {
        Plugin p = ConfigBinder.of(Plugin.class, "the plugin").bind(section("""
                name: notify
                args: {channel: data, retries: 3}
                target: com.acme.Notify
                """), null);
        assertThat(p.args().orElseThrow().unwrap()).isEqualTo(Map.of("channel", "data", "retries", 3));
        assertThat(p.args().get().location().toString()).endsWith("section.yml:2:7");
        assertThat(p.target().orElseThrow().location().toString()).endsWith("section.yml:3:9");
        assertThatThrownBy(() -> ConfigBinder.of(Plugin.class, "the plugin").bind(section("""
                name: notify
                args: [channel]
                """), null))
                .isInstanceOf(ConfigValueException.class)
                .hasMessageContaining("section.yml:2:7")
                .hasMessageContaining("a mapping");
    }
}
