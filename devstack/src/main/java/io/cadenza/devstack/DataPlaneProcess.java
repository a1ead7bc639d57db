package io.cadenza.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

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
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    private static final int TAIL_LINES = 60;

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

    private final Process process;
    private final Settings settings;
    /** Where this run's output starts in the (appended-to) log, so failure reports show only this run. */
    private final long logOffset;

    private DataPlaneProcess(Process process, Settings settings, long logOffset) {
        this.process = process;
        this.settings = settings;
        this.logOffset = logOffset;
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
        // Otherwise the readiness probe could be answered by whatever already listens there, e.g. a leftover cell.
        for (int port : new int[] {settings.grpcPort(), httpPort(settings)}) {
            if (FreePort.isListening(port)) {
                throw new IOException("port " + port + " on 127.0.0.1 is already in use");
            }
        }
        Path logFile = settings.logFile().toAbsolutePath();
        Files.createDirectories(logFile.getParent());
        long offset = LogTail.currentSize(logFile);
        Files.writeString(logFile, String.format("%n==== %s: starting data plane %s on 127.0.0.1:%d ====%n",
                Instant.now(), settings.cellId(), settings.grpcPort()), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);

        ProcessBuilder builder = new ProcessBuilder(command(settings))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        // The password travels in the environment, not on the command line, where every local user could read it.
        builder.environment().put("QUARKUS_DATASOURCE_PASSWORD", settings.dbPassword());
        DataPlaneProcess dataPlane = new DataPlaneProcess(builder.start(), settings, offset);
        try {
            dataPlane.awaitReady();
        } catch (IOException | RuntimeException e) {
            dataPlane.kill();
            throw e;
        }
        return dataPlane;
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

    private void awaitReady() throws IOException {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1))
                .build();
        HttpRequest probe = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + httpPort(settings) + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2))
                .GET()
                .build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IOException("data plane " + settings.cellId() + " exited with code " + process.exitValue()
                        + " before it was ready; last lines of " + settings.logFile() + ":\n" + logTail(TAIL_LINES));
            }
            if (isReady(http, probe)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("data plane " + settings.cellId() + " not ready on port " + settings.grpcPort()
                        + " after " + READY_TIMEOUT.toSeconds() + " s; last lines of " + settings.logFile() + ":\n"
                        + logTail(TAIL_LINES));
            }
            try {
                // Doubles as the poll interval and returns at once if the process dies meanwhile.
                process.waitFor(POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for data plane " + settings.cellId(), e);
            }
        }
    }

    private static boolean isReady(HttpClient http, HttpRequest probe) {
        try {
            return http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false; // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The OS process id. */
    public long pid() {
        return process.pid();
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
        return process.onExit().thenApply(Process::exitValue);
    }

    /** The last lines this run wrote to its log file. */
    public String logTail(int lines) {
        return LogTail.lastLines(settings.logFile(), logOffset, lines);
    }

    /** Simulates a crash: SIGKILL, then waits for the process to be gone. */
    public void kill() {
        Processes.kill(process.toHandle());
        awaitReaped();
    }

    /** Graceful stop: SIGTERM, up to 20 s for Quarkus to shut down, then SIGKILL. Idempotent. */
    @Override
    public void close() {
        Processes.terminate(process.toHandle(), STOP_GRACE);
        awaitReaped();
    }

    /**
     * The process is dead once {@link Processes} returns, but stays a zombie, and {@link Process#isAlive()} true,
     * until the JDK's reaper thread collects its exit code a moment later; callers expect {@code isAlive()} false.
     */
    private void awaitReaped() {
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "DataPlaneProcess[" + settings.cellId() + ", pid " + pid() + ", 127.0.0.1:" + grpcPort() + "]";
    }
}
