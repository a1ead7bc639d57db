package io.cadenza.devstack;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The data-plane Quarkus application of one cell, running as a separate OS process ({@code java -jar
 * quarkus-run.jar}), so that tests and the dev stack can kill it like a real crash.
 *
 * <p>A cell uses two consecutive ports on 127.0.0.1: the Temporal gRPC API on {@link Settings#grpcPort()}
 * ({@code cadenza.grpc.port}), health and internal HTTP on the next one ({@link #httpPort}, {@code cadenza.http.port}).
 * {@link #start} returns once {@code GET /q/health/ready} answers 200 there. The process's stdout and stderr are
 * appended to {@link Settings#logFile()}.
 */
public final class DataPlaneProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    /**
     * How to run one data plane.
     *
     * @param jar             {@code data-plane/target/quarkus-app/quarkus-run.jar}
     * @param grpcPort        the Temporal gRPC port on 127.0.0.1; health and HTTP use the next port
     * @param cellId          {@code cadenza.cell-id}
     * @param jdbcUrl         {@code quarkus.datasource.jdbc.url}
     * @param reactiveUrl     {@code quarkus.datasource.reactive.url}
     * @param dbUser          {@code quarkus.datasource.username}
     * @param dbPassword      {@code quarkus.datasource.password}
     * @param logFile         where stdout and stderr are appended
     * @param extraProperties more system properties, applied after (and so overriding) the ones above
     */
    public record Settings(Path jar, int grpcPort, String cellId, String jdbcUrl, String reactiveUrl, String dbUser,
                           String dbPassword, Path logFile, Map<String, String> extraProperties) {
        public Settings {
            Objects.requireNonNull(jar, "jar");
            Objects.requireNonNull(cellId, "cellId");
            Objects.requireNonNull(jdbcUrl, "jdbcUrl");
            Objects.requireNonNull(reactiveUrl, "reactiveUrl");
            Objects.requireNonNull(dbUser, "dbUser");
            Objects.requireNonNull(dbPassword, "dbPassword");
            Objects.requireNonNull(logFile, "logFile");
            extraProperties = Map.copyOf(extraProperties == null ? Map.of() : extraProperties);
            if (grpcPort < 1 || grpcPort > 65534) {
                throw new IllegalArgumentException("grpcPort out of range: " + grpcPort);
            }
        }
    }

    private final ManagedProcess process;
    private final Settings settings;

    private DataPlaneProcess(ManagedProcess process, Settings settings) {
        this.process = process;
        this.settings = settings;
    }

    /**
     * Spawns the data plane and waits until it is ready.
     *
     * @throws IOException when the jar is missing, the port is taken, or the process dies or is not ready within
     *                     90 s; the message carries the tail of the log. The process is killed in that case.
     */
    public static DataPlaneProcess start(Settings settings) throws IOException {
        if (!Files.isRegularFile(settings.jar())) {
            throw new IOException("data-plane jar not found: " + settings.jar()
                    + " (build it with ./mvnw -B -DskipTests package -pl data-plane -am)");
        }
        // The password travels in the environment, not on the command line, where every local user could read it.
        ManagedProcess.Settings managed = new ManagedProcess.Settings("data plane " + settings.cellId(),
                command(settings), Map.of("QUARKUS_DATASOURCE_PASSWORD", settings.dbPassword()),
                settings.jar().toAbsolutePath().getParent(),
                URI.create("http://127.0.0.1:" + httpPort(settings) + "/q/health/ready"), READY_TIMEOUT,
                settings.logFile(), List.of(settings.grpcPort(), httpPort(settings)));
        return new DataPlaneProcess(ManagedProcess.start(managed, handle -> { }), settings);
    }

    static List<String> command(Settings s) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx1g");
        // A cell that ran out of memory must crash (and be restarted) rather than limp on with broken threads.
        command.add("-XX:+ExitOnOutOfMemoryError");
        // Temporal gRPC on grpcPort; health (and internal HTTP) on the port after it.
        command.add("-Dcadenza.grpc.port=" + s.grpcPort());
        command.add("-Dcadenza.http.port=" + httpPort(s));
        command.add("-Dcadenza.grpc.host=127.0.0.1");
        command.add("-Dquarkus.datasource.jdbc.url=" + s.jdbcUrl());
        command.add("-Dquarkus.datasource.reactive.url=" + s.reactiveUrl());
        command.add("-Dquarkus.datasource.username=" + s.dbUser());
        command.add("-Dcadenza.cell-id=" + s.cellId());
        s.extraProperties().forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(s.jar().toAbsolutePath().toString());
        return command;
    }

    /** The health/HTTP port of a cell: the port after its gRPC port. */
    public static int httpPort(Settings s) {
        return s.grpcPort() + 1;
    }

    /** The OS process id. */
    public long pid() {
        return process.toHandle().pid();
    }

    /** The OS process, e.g. to watch it or to record it. */
    public ProcessHandle toHandle() {
        return process.toHandle();
    }

    /** The port on 127.0.0.1 serving the Temporal gRPC API (and HTTP). */
    public int grpcPort() {
        return settings.grpcPort();
    }

    /** The settings it was started with. */
    public Settings settings() {
        return settings;
    }

    /** Whether the process is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Completes with the exit code when the process exits, for whatever reason. */
    public CompletableFuture<Integer> onExit() {
        return process.onExit();
    }

    /** The last lines this run wrote to its log file. */
    public String logTail(int lines) {
        return process.logTail(lines);
    }

    /** Simulates a crash: SIGKILL, then waits for the process to be gone. */
    public void kill() {
        process.kill();
    }

    /** Graceful stop: SIGTERM, up to 20 s for Quarkus to shut down, then SIGKILL. Idempotent. */
    @Override
    public void close() {
        process.close();
    }

    @Override
    public String toString() {
        return "DataPlaneProcess[" + settings.cellId() + ", pid " + pid() + ", 127.0.0.1:" + grpcPort() + "]";
    }
}
