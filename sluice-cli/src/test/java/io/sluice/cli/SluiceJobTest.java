package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@link SluiceJob}: the CLI for hosts that forbid System.exit returns on success and throws on failure. */
class SluiceJobTest {
    @Test
    void returnsOnSuccessAndThrowsWithTheExitCodeOnFailure() {
        assertThatCode(() -> SluiceJob.main(new String[] {"--version"})).doesNotThrowAnyException();
        assertThatThrownBy(() -> SluiceJob.main(new String[] {"no-such-command"}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("sluice no-such-command exited with 2 (see its error above)");
    }
}
