package io.cadenza.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code DevMain dev} as a real process, with a fake data plane and the real PostgreSQL. */
class DevMainTest {

    private static final Duration READY = Duration.ofSeconds(120);
    /** The banner's last line: once it is there, the whole banner is. */
    private static final String READY_LINE = "Press Ctrl-C to stop";

    @TempDir
    Path tmp;
    private Path home;
    private Path dataDir;
    private int port;
    private int pgPort;
    /** Every pid a test saw, killed afterwards so that a failing test leaves nothing running. */
    private final List<Long> seen = new ArrayList<>();

    @BeforeEach
    void fakeRepository() throws IOException {
        home = tmp.resolve("repo");
        FakeDataPlaneJar.write(home.resolve(DevMain.DATA_PLANE_JAR));
        dataDir = tmp.resolve("data");
        port = FreePort.findConsecutive(2);
        do {
            pgPort = FreePort.find();
        } while (pgPort == port || pgPort == port + 1);
    }

    @AfterEach
    void killWhatIsLeft() {
        seen.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    @Test
    void stopsWhatARunKilledWithSigkillLeftBehindAndStopsCleanlyOnSigterm() throws Exception {
        // given a dev stack killed with SIGKILL, which leaves its data plane and its postmaster running
        Process first = startDev();
        ProcessOutput.of(first).awaitLine(READY_LINE, READY);
        long leftoverDataPlane = recordedPid("data-plane");
        long leftoverPostmaster = postmasterPid();
        first.destroyForcibly();
        assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(Processes.isRunning(leftoverDataPlane)).isTrue();
        assertThat(Processes.isRunning(leftoverPostmaster)).isTrue();

        // when the dev stack starts again on the same data directory
        Process second = startDev();
        ProcessOutput output = ProcessOutput.of(second);
        output.awaitLine(READY_LINE, READY);

        // then the leftovers were stopped and replaced
        assertThat(output.text()).contains("Stopped data-plane (pid " + leftoverDataPlane + ")");
        assertThat(Processes.isRunning(leftoverDataPlane)).isFalse();
        assertThat(Processes.isRunning(leftoverPostmaster)).isFalse();
        assertThat(output.text()).contains("127.0.0.1:" + port, "namespace: default", dataDir.toString(),
                "temporal workflow list --address 127.0.0.1:" + port);
        long dataPlane = recordedPid("data-plane");
        long postmaster = postmasterPid();

        // and a second dev stack on the same data directory is refused while this one runs
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(runInProcess(err, "dev", "--engine-only", "--data-dir", dataDir.toString(),
                "--port", Integer.toString(FreePort.findConsecutive(2)),
                "--pg-port", Integer.toString(FreePort.find()))).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("another dev stack");

        // when it gets SIGTERM (what Ctrl-C's SIGINT also triggers: the shutdown hook)
        // (through the handle: Process.destroy() would also close our end of its output pipe)
        second.toHandle().destroy();

        // then it stops everything, data plane first, and forgets the pids
        assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(Processes.isRunning(dataPlane)).isFalse();
        assertThat(Processes.isRunning(postmaster)).isFalse();
        assertThat(DevStack.runDir(dataDir).resolve("data-plane.pid")).doesNotExist();
        String text = output.awaitEnd(Duration.ofSeconds(10));
        assertThat(text).contains("Stopping data-plane");
        assertThat(text.indexOf("Stopping data-plane")).isLessThan(text.indexOf("Stopping postgres"));
    }

    @Test
    void endsWithTheLogTailWhenTheDataPlaneDies() throws Exception {
        // given a running dev stack
        Process dev = startDev();
        ProcessOutput output = ProcessOutput.of(dev);
        output.awaitLine(READY_LINE, READY);
        long postmaster = postmasterPid();

        // when its data plane dies
        ProcessHandle.of(recordedPid("data-plane")).orElseThrow().destroyForcibly();

        // then the dev stack reports it with the log tail, stops PostgreSQL, and exits non-zero
        assertThat(dev.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(dev.exitValue()).isEqualTo(1);
        String text = output.awaitEnd(Duration.ofSeconds(10));
        assertThat(text).contains("data-plane stopped unexpectedly (exit code 137)", "cell=cell-1");
        assertThat(Processes.isRunning(postmaster)).isFalse();
    }

    @Test
    void endsAndStopsTheDataPlaneWhenPostgresDies() throws Exception {
        // given a running dev stack
        Process dev = startDev();
        ProcessOutput output = ProcessOutput.of(dev);
        output.awaitLine(READY_LINE, READY);
        long dataPlane = recordedPid("data-plane");

        // when its postmaster dies (it is not the dev stack's child, and may linger as a zombie)
        ProcessHandle.of(postmasterPid()).orElseThrow().destroyForcibly();

        // then the dev stack notices, stops the data plane, and exits non-zero
        assertThat(dev.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(dev.exitValue()).isEqualTo(1);
        assertThat(output.awaitEnd(Duration.ofSeconds(10))).contains("postgres stopped unexpectedly");
        assertThat(Processes.isRunning(dataPlane)).isFalse();
    }

    @Test
    void rejectsBadArgumentsWithUsageAndExitCode2() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        assertThat(runInProcess(err)).isEqualTo(2);
        assertThat(runInProcess(err, "serve")).isEqualTo(2);
        assertThat(runInProcess(err, "dev", "--bogus")).isEqualTo(2);
        assertThat(runInProcess(err, "dev", "--port", "not-a-port")).isEqualTo(2);
        assertThat(runInProcess(err, "dev", "--port", "70000")).isEqualTo(2);
        assertThat(runInProcess(err, "dev", "--port=7000", "--pg-port=7000")).isEqualTo(2);
        assertThat(runInProcess(err, "dev", "--data-dir")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Usage: cadenza dev");
        assertThat(runInProcess(err, "help")).isEqualTo(0);
    }

    private Process startDev() throws IOException {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dcadenza.home=" + home, "-cp", System.getProperty("java.class.path"), DevMain.class.getName(),
                "dev", "--data-dir", dataDir.toString(), "--port", Integer.toString(port),
                "--pg-port", Integer.toString(pgPort), "--engine-only")
                .redirectErrorStream(true)
                .start();
        seen.add(process.pid());
        return process;
    }

    private int runInProcess(ByteArrayOutputStream err, String... args) {
        String previous = System.getProperty("cadenza.home");
        System.setProperty("cadenza.home", home.toString());
        try (PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
             PrintStream outStream = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)) {
            return DevMain.run(List.of(args), outStream, errStream);
        } finally {
            if (previous == null) {
                System.clearProperty("cadenza.home");
            } else {
                System.setProperty("cadenza.home", previous);
            }
        }
    }

    private long recordedPid(String service) throws IOException {
        long pid = Long.parseLong(Files.readAllLines(DevStack.runDir(dataDir).resolve(service + ".pid")).get(0));
        seen.add(pid);
        return pid;
    }

    private long postmasterPid() {
        long pid = StalePostmaster.readPid(dataDir.resolve("postgres/postmaster.pid")).orElseThrow();
        seen.add(pid);
        return pid;
    }
}
