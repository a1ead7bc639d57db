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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A service running as a separate OS process (Keycloak, the control plane, the gateway), started from a command
 * line, logging to a file, and ready once an HTTP URL answers 200. Tests and the dev stack can stop it gracefully or
 * kill it like a crash.
 */
public final class ManagedProcess implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    private static final int TAIL_LINES = 60;

    /**
     * How to run one process.
     *
     * @param name         for messages, e.g. {@code keycloak}
     * @param command      the command line (no secrets: it is visible to every local user)
     * @param environment  extra environment variables (the place for passwords)
     * @param workDir      the working directory
     * @param readyUrl     the process is ready when a GET here answers 200
     * @param readyTimeout how long to wait for that
     * @param logFile      where stdout and stderr are appended
     * @param ports        ports on 127.0.0.1 the process will listen on; must be free before it starts
     */
    public record Settings(String name, List<String> command, Map<String, String> environment, Path workDir,
                           URI readyUrl, Duration readyTimeout, Path logFile, List<Integer> ports) {
        public Settings {
            Objects.requireNonNull(name, "name");
            command = List.copyOf(command);
            environment = Map.copyOf(environment);
            Objects.requireNonNull(workDir, "workDir");
            Objects.requireNonNull(readyUrl, "readyUrl");
            Objects.requireNonNull(readyTimeout, "readyTimeout");
            Objects.requireNonNull(logFile, "logFile");
            ports = List.copyOf(ports);
        }
    }

    private final Process process;
    private final Settings settings;
    private final long logOffset;
    /** Whether the process is ready; by default a GET of {@link Settings#readyUrl()} answers 200. */
    private final java.util.function.BooleanSupplier readyProbe;

    private ManagedProcess(Process process, Settings settings, long logOffset,
                           java.util.function.BooleanSupplier readyProbe) {
        this.process = process;
        this.settings = settings;
        this.logOffset = logOffset;
        this.readyProbe = readyProbe;
    }

    /**
     * Spawns the process and waits until it is ready.
     *
     * @param onSpawn called with the process as soon as it exists (before it is ready), so a caller can record it
     * @throws IOException when a port is taken, or the process dies or is not ready in time; the message carries the
     *                     tail of its log. The process is killed in that case.
     */
    public static ManagedProcess start(Settings settings, java.util.function.Consumer<ProcessHandle> onSpawn)
            throws IOException {
        return start(settings, null, onSpawn);
    }

    /**
     * Like {@link #start(Settings, java.util.function.Consumer)} for a process that speaks no HTTP: ready once
     * {@code readyProbe} returns true ({@link Settings#readyUrl()} then only names it in messages).
     */
    public static ManagedProcess start(Settings settings, java.util.function.BooleanSupplier readyProbe,
                                       java.util.function.Consumer<ProcessHandle> onSpawn) throws IOException {
        for (int port : settings.ports()) {
            if (FreePort.isListening(port)) {
                throw new IOException("cannot start " + settings.name() + ": port " + port
                        + " on 127.0.0.1 is already in use");
            }
        }
        Path logFile = settings.logFile().toAbsolutePath();
        Files.createDirectories(logFile.getParent());
        long offset = LogTail.currentSize(logFile);
        Files.writeString(logFile, String.format("%n==== %s: starting %s ====%n", Instant.now(), settings.name()),
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        ProcessBuilder builder = new ProcessBuilder(settings.command())
                .directory(settings.workDir().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().putAll(settings.environment());
        ManagedProcess started = new ManagedProcess(builder.start(), settings, offset, readyProbe);
        onSpawn.accept(started.toHandle());
        try {
            started.awaitReady();
        } catch (IOException | RuntimeException e) {
            started.kill();
            throw e;
        }
        return started;
    }

    /** The java executable of the JVM running this code. */
    public static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private void awaitReady() throws IOException {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1))
                .build();
        HttpRequest probe = readyProbe != null ? null
                : HttpRequest.newBuilder(settings.readyUrl()).timeout(Duration.ofSeconds(3)).GET().build();
        long deadline = System.nanoTime() + settings.readyTimeout().toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IOException(settings.name() + " exited with code " + process.exitValue()
                        + " before it was ready; last lines of " + settings.logFile() + ":\n" + logTail(TAIL_LINES));
            }
            if (readyProbe != null ? readyProbe.getAsBoolean() : answers200(http, probe)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException(settings.name() + " not ready at " + settings.readyUrl() + " after "
                        + settings.readyTimeout().toSeconds() + " s; last lines of " + settings.logFile() + ":\n"
                        + logTail(TAIL_LINES));
            }
            try {
                process.waitFor(POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for " + settings.name(), e);
            }
        }
    }

    private static boolean answers200(HttpClient http, HttpRequest probe) {
        try {
            return http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public ProcessHandle toHandle() {
        return process.toHandle();
    }

    public Settings settings() {
        return settings;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public CompletableFuture<Integer> onExit() {
        return process.onExit().thenApply(Process::exitValue);
    }

    /** The last lines this run wrote to its log file. */
    public String logTail(int lines) {
        return LogTail.lastLines(settings.logFile(), logOffset, lines);
    }

    /** SIGKILL, like a crash, then waits until the process is reaped. */
    public void kill() {
        Processes.kill(process.toHandle());
        awaitReaped();
    }

    /** SIGTERM, up to 20 s to shut down, then SIGKILL. Idempotent. */
    @Override
    public void close() {
        Processes.terminate(process.toHandle(), STOP_GRACE);
        awaitReaped();
    }

    private void awaitReaped() {
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "ManagedProcess[" + settings.name() + ", pid " + process.pid() + "]";
    }
}
