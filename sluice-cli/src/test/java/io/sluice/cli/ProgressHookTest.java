package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The elapsed time and ETA that progress shows. */
class ProgressHookTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void theEtaIsTheMeanTimePerNodeTimesTheNodesLeft() {
        assertThat(ProgressHook.etaNanos(6 * SECOND, 3, 10)).isEqualTo(14 * SECOND);
        assertThat(ProgressHook.etaNanos(6 * SECOND, 10, 10)).isZero();
        assertThat(ProgressHook.etaNanos(6 * SECOND, 0, 10)).isNegative(); // unknown before the first node
    }

    @Test
    void durationsReadAsSecondsMinutesOrHours() {
        assertThat(ProgressHook.duration(0)).isEqualTo("0.0 s");
        assertThat(ProgressHook.duration(420_000_000L)).isEqualTo("0.4 s");
        assertThat(ProgressHook.duration(9_960_000_000L)).isEqualTo("10 s");
        assertThat(ProgressHook.duration(12 * SECOND)).isEqualTo("12 s");
        assertThat(ProgressHook.duration(185 * SECOND)).isEqualTo("3 min 05 s");
        assertThat(ProgressHook.duration(3720 * SECOND)).isEqualTo("1 h 02 min");
    }
}
