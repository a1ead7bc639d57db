package io.cadenza.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataPlaneProcessTest {

    @TempDir
    Path tmp;
    private Path jar;
    private Path log;

    @BeforeEach
    void buildFakeJar() throws IOException {
        jar = FakeDataPlaneJar.write(tmp.resolve("quarkus-run.jar"));
        log = tmp.resolve("logs/data-plane.log");
    }

    @Test
    void startsWithTheSettingsAndReturnsOnceReady() throws Exception {
        int port = FreePort.findConsecutive(2);
        try (DataPlaneProcess dataPlane = DataPlaneProcess.start(settings(port, Map.of("fake.extra", "x")))) {
            assertThat(dataPlane.isAlive()).isTrue();
            assertThat(FreePort.isListening(dataPlane.grpcPort())).isTrue();
            assertThat(Files.readString(log)).contains(
                    "cell=cell-t jdbc=jdbc:postgresql://127.0.0.1:5/db reactive=postgresql://127.0.0.1:5/db"
                            + " user=u password=secret host=127.0.0.1 grpc=" + dataPlane.grpcPort()
                            + " http=" + (dataPlane.grpcPort() + 1) + " extra=x");
            assertThat(ProcessHandle.of(dataPlane.pid()).flatMap(p -> p.info().commandLine()).orElse(""))
                    .contains("-Xmx1g")
                    .doesNotContain("secret");
        }
    }

    @Test
    void killEndsTheProcessAbruptly() throws Exception {
        DataPlaneProcess dataPlane = DataPlaneProcess.start(settings(FreePort.findConsecutive(2), Map.of()));

        dataPlane.kill();

        assertThat(dataPlane.isAlive()).isFalse();
        assertThat(dataPlane.onExit().get(5, TimeUnit.SECONDS)).isEqualTo(137);
        assertThat(Files.readString(log)).doesNotContain("graceful shutdown");
    }

    @Test
    void closeStopsGracefullyAndIsIdempotent() throws Exception {
        DataPlaneProcess dataPlane = DataPlaneProcess.start(settings(FreePort.findConsecutive(2), Map.of()));

        dataPlane.close();
        dataPlane.close();

        assertThat(dataPlane.isAlive()).isFalse();
        assertThat(dataPlane.onExit().get(5, TimeUnit.SECONDS)).isEqualTo(143);
        assertThat(Files.readString(log)).contains("graceful shutdown");
    }

    @Test
    void reportsTheLogTailWhenTheProcessDiesBeforeItIsReady() {
        int port = FreePort.findConsecutive(2);
        assertThatThrownBy(() -> DataPlaneProcess.start(settings(port, Map.of("fake.fail", "true"))))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("exited with code 3")
                .hasMessageContaining("boom: cannot start");
    }

    @Test
    void refusesAGrpcPortThatIsAlreadyTaken() throws Exception {
        int port = FreePort.findConsecutive(2);
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));

            assertThatThrownBy(() -> DataPlaneProcess.start(settings(port, Map.of())))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("port " + port + " on 127.0.0.1 is already in use");
        }
    }

    @Test
    void refusesAHealthPortThatIsAlreadyTaken() throws Exception {
        int port = FreePort.findConsecutive(2);
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port + 1));

            assertThatThrownBy(() -> DataPlaneProcess.start(settings(port, Map.of())))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("port " + (port + 1) + " on 127.0.0.1 is already in use");
        }
    }

    private DataPlaneProcess.Settings settings(int port, Map<String, String> extra) {
        return new DataPlaneProcess.Settings(jar, port, "cell-t", "jdbc:postgresql://127.0.0.1:5/db",
                "postgresql://127.0.0.1:5/db", "u", "secret", log, extra);
    }
}
