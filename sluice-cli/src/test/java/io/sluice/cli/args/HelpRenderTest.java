package io.sluice.cli.args;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HelpRenderTest {
    private static final String NL = System.lineSeparator();

    private static String lines(String... lines) {
        return String.join(NL, lines) + NL;
    }

    @Test
    void theHelpOfACommandHasItsUsageDescriptionOptionsAndNothingHidden() {
        String help = Help.render(new TestTree(), List.of("run"));

        assertThat(help).isEqualTo(lines(
                "Usage: tool run [-hqvV] [--dry-run] [-C=DIR] [--format=FORMAT]",
                "                [--max-workers=N] [-p=NAME] [--nodes=NODE[,NODE...]]...",
                "                [--params=KEY=VALUE]... [-t=TAG[,TAG...]]...",
                "Run something.",
                "A second paragraph.",
                "  -C, --project=DIR         Project directory.",
                "  -v, --verbose             Say more.",
                "  -q, --quiet               Say less.",
                "  -p, --pipeline=NAME       The pipeline.",
                "      --nodes=NODE[,NODE...]",
                "                            These nodes.",
                "  -t, --tags=TAG[,TAG...]   These tags.",
                "      --params=KEY=VALUE    Parameters. Repeatable.",
                "      --max-workers=N       Threads.",
                "      --format=FORMAT       text or json.",
                "      --dry-run             Do nothing.",
                "  -h, --help                Show this help message and exit.",
                "  -V, --version             Print version information and exit."));
    }

    @Test
    void theRootListsItsSortedOptionsItsSubcommandsWithTheirSummariesAndItsFooter() {
        String help = Help.render(new TestTree(), List.of());

        assertThat(help).isEqualTo(lines(
                "Usage: tool [-hqvV] [--root-only] [-C=DIR] [COMMAND]",
                "A tool for tests.",
                "  -C, --project=DIR   Project directory.",
                "  -h, --help          Show this help message and exit.",
                "  -q, --quiet         Say less.",
                "      --root-only     Not inherited.",
                "  -v, --verbose       Say more.",
                "  -V, --version       Print version information and exit.",
                "Commands:",
                "  run   Run something.",
                "  runs  Look at runs.",
                "  copy  Copy files.",
                "",
                "Environment:",
                "  TOOL_ENV  the environment"));
    }

    @Test
    void positionalParametersComeFirstWithTheirArityShown() {
        String help = Help.render(new TestTree(), List.of("runs", "show"));

        assertThat(help).startsWith(lines(
                "Usage: tool runs show [-hqvV] [-C=DIR] RUN_ID [PART]",
                "Show a run.",
                "      RUN_ID          The run.",
                "      [PART]          A part.",
                "  -C, --project=DIR   Project directory."));
        assertThat(Help.render(new TestTree(), List.of("copy"))).contains(" [FILE...]" + NL, "      [FILE...]  ");
    }

    @Test
    void textWrapsAtSpacesWithinEightyColumnsAndLongWordsBreakAfterACommaOrEquals() {
        List<String> words = Help.wrap("aaaa bbbb cccc dddd", 10, 8);
        List<String> long_ = Help.wrap("x (a=1,b=2,c=3)", 8, 8);

        assertThat(words).as("10 columns, then 8").containsExactly("aaaa bbbb", "cccc", "dddd");
        assertThat(Help.wrap("aaaa bbbb", 9, 9)).as("the last word needs no room for a space")
                .containsExactly("aaaa bbbb");
        assertThat(Help.wrap("aaaa bbbb c", 9, 9)).containsExactly("aaaa", "bbbb c");
        assertThat(long_).containsExactly("x (a=1,", "b=2,c=3)");
        assertThat(Help.wrap("abcdefghij", 4, 4)).containsExactly("abcd", "efgh", "ij");
        assertThat(Help.wrap("", 10, 10)).containsExactly("");
    }
}
