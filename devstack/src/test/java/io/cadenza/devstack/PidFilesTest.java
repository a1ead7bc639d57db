package io.cadenza.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PidFilesTest {

    @TempDir
    Path runDir;
    private Process sleeper;

    @AfterEach
    void killSleeper() {
        if (sleeper != null) {
            sleeper.destroyForcibly();
        }
    }

    @Test
    void stopsARecordedProcessThatIsStillRunning() throws Exception {
        // given a recorded process that is still running
        sleeper = new ProcessBuilder("sleep", "600").start();
        PidFiles pidFiles = new PidFiles(runDir);
        pidFiles.write("sleeper", sleeper.toHandle());

        // when leftovers are stopped
        List<String> stopped = pidFiles.stopLeftovers(Duration.ofSeconds(5));

        // then it is gone, and so is its pid file
        assertThat(stopped).containsExactly("sleeper (pid " + sleeper.pid() + ")");
        assertThat(Processes.awaitExit(sleeper.toHandle(), Duration.ofSeconds(5))).isTrue();
        assertThat(runDir.resolve("sleeper.pid")).doesNotExist();
    }

    @Test
    void neverStopsAProcessWhoseCommandLineDiffersFromTheRecordedOne() throws Exception {
        // given a pid file whose pid now belongs to another program (pid reuse)
        sleeper = new ProcessBuilder("sleep", "600").start();
        Files.writeString(runDir.resolve("data-plane.pid"),
                sleeper.pid() + "\nstart=\ncommand=/usr/bin/java -jar quarkus-run.jar\n");

        // when leftovers are stopped
        List<String> stopped = new PidFiles(runDir).stopLeftovers(Duration.ofSeconds(5));

        // then the unrelated process lives on, and the stale file is gone
        assertThat(stopped).isEmpty();
        assertThat(sleeper.isAlive()).isTrue();
        assertThat(runDir.resolve("data-plane.pid")).doesNotExist();
    }

    @Test
    void removesPidFilesOfProcessesThatAreGone() throws Exception {
        Files.writeString(runDir.resolve("gone.pid"), "999999999\nstart=\ncommand=java\n");

        assertThat(new PidFiles(runDir).stopLeftovers(Duration.ofSeconds(5))).isEmpty();
        assertThat(runDir.resolve("gone.pid")).doesNotExist();
    }
}
