package io.sluice.cli.args;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ParserTest {
    private static final TestTree TREE = new TestTree();

    private static ParsedArgs parse(String... args) {
        return Parser.parse(TREE, args);
    }

    private static UsageException usage(String... args) {
        try {
            Parser.parse(TREE, args);
        } catch (UsageException e) {
            return e;
        }
        throw new AssertionError("no usage error for " + List.of(args));
    }

    @ParameterizedTest
    @ValueSource(strings = {"--pipeline etl", "--pipeline=etl", "-p etl", "-petl", "-p=etl"})
    void everyFormOfAnOptionGivesItsValue(String option) {
        List<String> args = new java.util.ArrayList<>(List.of("run"));
        args.addAll(List.of(option.split(" ")));

        ParsedArgs parsed = parse(args.toArray(String[]::new));

        assertThat(parsed.path()).containsExactly("run");
        assertThat(parsed.value("--pipeline", null)).isEqualTo("etl");
        assertThat(parsed.request()).isEqualTo(ParsedArgs.Request.RUN);
    }

    @Test
    void aValueMayBeEmptyOrContainEqualsSignsAndDashes() {
        ParsedArgs parsed = parse("run", "--params=a=b=c", "--params", "-1", "--pipeline=");

        assertThat(parsed.values("--params")).containsExactly("a=b=c", "-1");
        assertThat(parsed.value("--pipeline", null)).isEmpty();
    }

    @Test
    void shortFlagsClusterAndTheLastMayTakeAValue() {
        ParsedArgs clustered = parse("-vq", "run");
        ParsedArgs withValue = parse("run", "-vCsomewhere");
        ParsedArgs nextWord = parse("run", "-qC", "there");

        assertThat(clustered.flag("--verbose")).isTrue();
        assertThat(clustered.flag("--quiet")).isTrue();
        assertThat(withValue.flag("--verbose")).isTrue();
        assertThat(withValue.value("--project", null)).isEqualTo("somewhere");
        assertThat(nextWord.flag("--quiet")).isTrue();
        assertThat(nextWord.value("--project", null)).isEqualTo("there");
    }

    @Test
    void aClusterWithAnUnknownLetterIsAnUnknownOptionNamingTheWholeWord() {
        UsageException e = usage("run", "-vX");

        assertThat(e.getMessage()).isEqualTo("Unknown option: '-vX'");
        assertThat(e.command()).isEqualTo("tool run");
    }

    @Test
    void aFlagTakesNoValueButTrueOrFalse() {
        assertThat(parse("run", "--dry-run=false").flag("--dry-run")).isFalse();
        assertThat(parse("run", "--dry-run=TRUE").flag("--dry-run")).isTrue();
        assertThat(parse("run").flag("--dry-run")).isFalse();
        assertThat(usage("run", "--dry-run=yes").getMessage())
                .isEqualTo("Invalid value for option '--dry-run': 'yes' is not a boolean");
    }

    @Test
    void anUnknownLongOptionSuggestsTheClosestVisibleOne() {
        UsageException misspelt = usage("run", "--nodez", "a");
        UsageException nothingClose = usage("run", "--zzzzzz");
        UsageException hidden = usage("run", "--secrt", "x");

        assertThat(misspelt.getMessage()).isEqualTo("Unknown option: '--nodez'");
        assertThat(misspelt.hint()).isEqualTo("Did you mean '--nodes'?");
        assertThat(misspelt.command()).isEqualTo("tool run");
        assertThat(nothingClose.hint()).isNull();
        assertThat(hidden.hint()).as("hidden options are never suggested").isNull();
    }

    @Test
    void theSuggestionsOfALevelIncludeTheInheritedOptions() {
        assertThat(usage("run", "--verbos").hint()).isEqualTo("Did you mean '--verbose'?");
        assertThat(usage("--pipelin", "run").hint()).as("run's options are not the root's").isNull();
    }

    @Test
    void aHiddenOptionIsAccepted() {
        assertThat(parse("run", "--secret", "s3").value("--secret", null)).isEqualTo("s3");
    }

    @Test
    void aMissingValueNamesTheOptionByItsLongestNameAndItsLabel() {
        assertThat(usage("run", "--nodes").getMessage())
                .isEqualTo("Missing required parameter for option '--nodes' (NODE)");
        assertThat(usage("run", "-p").getMessage())
                .isEqualTo("Missing required parameter for option '--pipeline' (NAME)");
        assertThat(usage("-C").command()).isEqualTo("tool");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-v", "--dry-run", "--format=json", "-h"})
    void anOptionNameWhereAValueShouldBeIsAForgottenValue(String next) {
        assertThat(usage("run", "--nodes", next).getMessage())
                .isEqualTo("Expected parameter for option '--nodes' but found '" + next + "'");
    }

    @Test
    void intAndOneOfValuesAreCheckedNamingTheOptionAndTheValue() {
        assertThat(parse("run", "--max-workers", "-3").intValue("--max-workers", 0)).isEqualTo(-3);
        assertThat(parse("run").intValue("--max-workers", 7)).isEqualTo(7);
        assertThat(usage("run", "--max-workers", "x").getMessage())
                .isEqualTo("Invalid value for option '--max-workers': 'x' is not an int");
        assertThat(usage("run", "--max-workers= 3").getMessage())
                .isEqualTo("Invalid value for option '--max-workers': ' 3' is not an int");
        assertThat(usage("run", "--format", "xml").getMessage()).isEqualTo(
                "Invalid value for option '--format': expected one of [text, json] (case-sensitive) but was 'xml'");
        assertThat(usage("run", "--format", "JSON").getMessage()).contains("but was 'JSON'");
    }

    @Test
    void repeatableOptionsKeepEveryValueInOrderAndSplitOnesSplit() {
        ParsedArgs parsed = parse("run", "--nodes", "a,b", "--params", "x=1,y=2", "--nodes=c", "--params", "z=3",
                "-t", "t1", "--tags=t2,,t3");

        assertThat(parsed.values("--nodes")).containsExactly("a", "b", "c");
        assertThat(parsed.values("--params")).containsExactly("x=1,y=2", "z=3");
        assertThat(parsed.values("--tags")).containsExactly("t1", "t2", "", "t3");
        assertThat(parsed.values("--pipeline")).isEmpty();
    }

    @Test
    void anOptionThatIsNotRepeatableMayBeGivenOncePerCommandLevel() {
        assertThat(usage("run", "-p", "a", "--pipeline", "b").getMessage())
                .isEqualTo("option '--pipeline' (NAME) should be specified only once");
        assertThat(usage("run", "-v", "--verbose").getMessage())
                .isEqualTo("option '--verbose' should be specified only once");
        assertThat(usage("-C", "a", "-C", "b", "run").command()).isEqualTo("tool");

        ParsedArgs onceEachLevel = parse("-C", "a", "-v", "run", "-C", "b", "-v");
        assertThat(onceEachLevel.value("--project", null)).as("the last one given").isEqualTo("b");
    }

    @Test
    void inheritedOptionsAreAcceptedBeforeAndAfterTheSubcommandAtAnyDepth() {
        ParsedArgs before = parse("-v", "-C", "dir", "runs", "list", "-n", "3");
        ParsedArgs after = parse("runs", "list", "--quiet", "--project=elsewhere");
        ParsedArgs between = parse("runs", "-q", "list");

        assertThat(before.path()).containsExactly("runs", "list");
        assertThat(before.flag("--verbose")).isTrue();
        assertThat(before.value("--project", null)).isEqualTo("dir");
        assertThat(before.intValue("--limit", 20)).isEqualTo(3);
        assertThat(after.flag("--quiet")).isTrue();
        assertThat(after.flag("--verbose")).isFalse();
        assertThat(after.value("--project", null)).isEqualTo("elsewhere");
        assertThat(between.flag("--quiet")).isTrue();
    }

    @Test
    void anOptionNotInheritedBelongsToItsOwnLevelOnly() {
        assertThat(parse("--root-only", "run").flag("--root-only")).isTrue();
        assertThat(usage("run", "--root-only").getMessage()).isEqualTo("Unknown option: '--root-only'");
        assertThat(usage("-n", "3", "runs", "list").getMessage()).isEqualTo("Unknown option: '-n'");
    }

    @Test
    void doubleDashEndsTheOptions() {
        ParsedArgs parsed = parse("copy", "-v", "--", "-q", "--", "a");

        assertThat(parsed.params()).containsExactly("-q", "--", "a");
        assertThat(parsed.flag("--verbose")).isTrue();
        assertThat(parsed.flag("--quiet")).isFalse();
        assertThat(usage("run", "--", "x").getMessage()).isEqualTo("Unmatched argument at index 2: 'x'");
        assertThat(usage("--", "run").getMessage()).as("no subcommand after --")
                .isEqualTo("Unmatched argument at index 1: 'run'");
    }

    @Test
    void anUnknownSubcommandIsUnmatchedWithTheCloseOnesSuggested() {
        UsageException root = usage("rnu");
        UsageException nested = usage("-v", "runs", "lst");
        UsageException far = usage("zebra");

        assertThat(root.getMessage()).isEqualTo("Unmatched argument at index 0: 'rnu'");
        assertThat(root.hint()).isEqualTo("Did you mean: run?");
        assertThat(root.command()).isEqualTo("tool");
        assertThat(nested.getMessage()).isEqualTo("Unmatched argument at index 2: 'lst'");
        assertThat(nested.hint()).isEqualTo("Did you mean: runs list?");
        assertThat(nested.command()).isEqualTo("tool runs");
        assertThat(far.hint()).isNull();
    }

    @Test
    void positionalParamsFillInOrderUpToTheirArity() {
        ParsedArgs one = parse("runs", "show", "r1");
        ParsedArgs two = parse("runs", "show", "r1", "--verbose", "p2");
        ParsedArgs many = parse("copy", "a", "b", "c");

        assertThat(one.params()).containsExactly("r1");
        assertThat(one.param(1, "none")).isEqualTo("none");
        assertThat(two.params()).containsExactly("r1", "p2");
        assertThat(many.params()).containsExactly("a", "b", "c");
        assertThat(parse("copy").params()).isEmpty();
        assertThat(usage("runs", "show", "r1", "p2", "extra").getMessage())
                .isEqualTo("Unmatched argument at index 4: 'extra'");
        assertThat(usage("runs", "show").getMessage()).isEqualTo("Missing required parameter: 'RUN_ID'");
    }

    @Test
    void aGroupWithoutItsSubcommandParsesToTheGroup() {
        assertThat(parse("runs").path()).containsExactly("runs");
        assertThat(parse().path()).isEmpty();
    }

    @Test
    void helpIsAskedOfTheLevelItIsGivenAtAndNeedsNoRequiredParameter() {
        ParsedArgs rootHelp = parse("-h", "runs", "show");
        ParsedArgs showHelp = parse("runs", "show", "--help");
        ParsedArgs clustered = parse("runs", "show", "-vh");

        assertThat(rootHelp.request()).isEqualTo(ParsedArgs.Request.HELP);
        assertThat(rootHelp.path()).isEmpty();
        assertThat(showHelp.request()).isEqualTo(ParsedArgs.Request.HELP);
        assertThat(showHelp.path()).containsExactly("runs", "show");
        assertThat(clustered.path()).containsExactly("runs", "show");
    }

    @Test
    void versionIsAskedOnAnyLevelAndHelpWinsOnTheSameLevel() {
        assertThat(parse("run", "-V").request()).isEqualTo(ParsedArgs.Request.VERSION);
        assertThat(parse("--version", "run", "--help").request()).isEqualTo(ParsedArgs.Request.VERSION);
        assertThat(parse("-V", "-h").request()).isEqualTo(ParsedArgs.Request.HELP);
    }

    @Test
    void errorsEarlierOnTheLineWinOverHelp() {
        assertThat(usage("run", "--bogus", "--help").getMessage()).isEqualTo("Unknown option: '--bogus'");
        assertThat(usage("run", "-h", "--nodes").getMessage())
                .isEqualTo("Missing required parameter for option '--nodes' (NODE)");
    }

    @ParameterizedTest
    @CsvSource({"-, 1", "-x, 0"})
    void aLoneDashIsAParameterNotAnOption(String word, int params) {
        if (params == 1) {
            assertThat(parse("copy", word).params()).containsExactly("-");
        } else {
            assertThat(usage("copy", word).getMessage()).isEqualTo("Unknown option: '-x'");
        }
    }
}
