package io.cadenza.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProcessesTest {

    private Process process;

    @AfterEach
    void killProcess() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    @Test
    void aZombieIsNotRunningAndItsExitIsNoticed() throws Exception {
        // given a child that outlives its shell's exec into sleep, which never reaps it: a zombie once it exits
        process = new ProcessBuilder("sh", "-c", "sleep 0.3 & echo $!; exec sleep 600").start();
        long zombie;
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            zombie = Long.parseLong(out.readLine().trim());
        }
        ProcessHandle handle = ProcessHandle.of(zombie).orElseThrow();
        assertThat(Processes.awaitExit(handle, Duration.ofSeconds(5))).isTrue();

        // then it counts as gone, although the JDK still calls it alive
        assertThat(handle.isAlive()).isTrue();
        assertThat(Processes.isRunning(zombie)).isFalse();
        Processes.onExit(handle).get(5, TimeUnit.SECONDS);
    }

    @Test
    void terminateEscalatesToSigkillWhenSigtermIsIgnored() throws Exception {
        // given a process that ignores SIGTERM (ignored signals survive exec)
        process = new ProcessBuilder("sh", "-c", "trap '' TERM; echo trapped; exec sleep 600").start();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("trapped");
        }

        // when it is terminated with a short grace period
        boolean exitedWithinGrace = Processes.terminate(process.toHandle(), Duration.ofMillis(300));

        // then it had to be killed, and is gone
        assertThat(exitedWithinGrace).isFalse();
        assertThat(Processes.isRunning(process.toHandle())).isFalse();
    }

    @Test
    void terminateIsGracefulForAProcessThatHonoursSigterm() throws Exception {
        process = new ProcessBuilder("sleep", "600").start();

        assertThat(Processes.terminate(process.toHandle(), Duration.ofSeconds(5))).isTrue();
        assertThat(process.waitFor(5, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(143);
    }

    @Test
    void onExitCompletesWhenTheProcessEnds() throws Exception {
        process = new ProcessBuilder("sleep", "600").start();

        var exited = Processes.onExit(process.toHandle());
        assertThat(exited).isNotDone();
        process.destroy();

        exited.get(5, TimeUnit.SECONDS);
    }
}
