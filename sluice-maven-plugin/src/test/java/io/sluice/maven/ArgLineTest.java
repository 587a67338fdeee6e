package io.sluice.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** -Dsluice.args="..." becomes the words a shell would pass to the CLI. */
class ArgLineTest {
    @Test
    void wordsAreSplitAtWhitespaceAndQuotesGroupThem() {
        assertThat(ArgLine.split("  -p reporting\t--params 'note=a b' --env=\"prod x\" a\\ b ''"))
                .containsExactly("-p", "reporting", "--params", "note=a b", "--env=prod x", "a b", "");
        assertThat(ArgLine.split(null)).isEmpty();
        assertThat(ArgLine.split("   ")).isEmpty();
    }

    @Test
    void anUnclosedQuoteIsAnError() {
        assertThatThrownBy(() -> ArgLine.split("--params 'a=1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unclosed ' in sluice.args: --params 'a=1");
    }
}
