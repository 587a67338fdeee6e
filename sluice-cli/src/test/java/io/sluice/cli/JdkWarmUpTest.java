package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JdkWarmUpTest {

    @Test
    void warmsUpOnADaemonThreadThatEnds() throws InterruptedException {
        Thread thread = JdkWarmUp.start();

        assertThat(thread.isDaemon()).as("never holds the JVM up").isTrue();
        assertThat(thread.getName()).isEqualTo("sluice-jdk-warm-up");
        thread.join(30_000);
        assertThat(thread.isAlive()).isFalse();
    }
}
