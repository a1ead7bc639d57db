package io.cadenza.devstack;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Runs an ordered list of {@link DevService}s on one data directory: starts them in order, watches them, and stops
 * them in reverse order. Layout of the data directory: {@code run/} (lock and pid files), {@code logs/}, and one
 * directory per stateful service.
 */
final class DevStack {

    /** A leftover data plane gets as long to shut down as a running one. */
    private static final Duration LEFTOVER_GRACE = Duration.ofSeconds(20);

    /** A service whose process exited while nobody asked it to. */
    record Exit(DevService service, String reason) {
    }

    private final Path dataDir;
    private final List<DevService> services;
    private final PidFiles pidFiles;
    private final CompletableFuture<Void> stopping = new CompletableFuture<>();
    private FileChannel lockChannel;
    private FileLock lock;

    DevStack(Path dataDir, List<DevService> services) {
        this.dataDir = dataDir;
        this.services = List.copyOf(services);
        this.pidFiles = new PidFiles(runDir(dataDir));
    }

    static Path runDir(Path dataDir) {
        return dataDir.resolve("run");
    }

    static Path logDir(Path dataDir) {
        return dataDir.resolve("logs");
    }

    /**
     * Takes {@code run/dev.lock} for the life of this JVM (the OS releases it if the JVM is killed), so that two dev
     * stacks never share a data directory and leftovers are only cleaned up when their owner is really gone.
     *
     * @return empty on success, else the pid recorded by the dev stack that holds the lock
     */
    Optional<String> lock() throws IOException {
        Path lockFile = runDir(dataDir).resolve("dev.lock");
        Files.createDirectories(lockFile.getParent());
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock acquired = channel.tryLock();
        if (acquired == null) {
            String holder = Files.readString(lockFile, StandardCharsets.UTF_8).trim();
            channel.close();
            return Optional.of(holder.isEmpty() ? "unknown" : holder);
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)));
        lockChannel = channel;
        lock = acquired;
        return Optional.empty();
    }

    /** Stops what {@code run/*.pid} records of a run that died without cleaning up. Call after {@link #lock}. */
    List<String> stopLeftovers() throws IOException {
        return pidFiles.stopLeftovers(LEFTOVER_GRACE);
    }

    /** Starts every service in order; returns early, without error, when {@link #stop} was called meanwhile. */
    void start(PrintStream out) throws IOException {
        for (DevService service : services) {
            if (isStopping()) {
                return;
            }
            out.println("Starting " + service.name() + " ...");
            service.start(process -> pidFiles.write(service.name(), process));
        }
    }

    /**
     * Blocks until a service's process exits on its own, or until {@link #stop} is called.
     *
     * @return the service that exited; empty when the stack is being stopped
     */
    Optional<Exit> awaitUnexpectedExit() throws InterruptedException {
        CompletableFuture<Exit> firstExit = new CompletableFuture<>();
        for (DevService service : services) {
            service.onExit().thenAccept(reason -> firstExit.complete(new Exit(service, reason)));
        }
        try {
            CompletableFuture.anyOf(firstExit, stopping).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("watching the services failed", e);
        }
        // Stopping makes every process exit: check it first, or a requested stop would look like a crash.
        return isStopping() ? Optional.empty() : Optional.of(firstExit.join());
    }

    /**
     * SIGKILLs service {@code name} like a crash and starts it again on the same state and ports; returns once it
     * is ready (tests of crash recovery across the whole system).
     */
    void crashAndRestart(String name) throws IOException {
        DevService service = services.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + name));
        if (!(service instanceof Crashable crashable)) {
            throw new IllegalArgumentException(name + " cannot be crashed on purpose");
        }
        crashable.crash();
        service.start(process -> pidFiles.write(service.name(), process));
    }

    boolean isStopping() {
        return stopping.isDone();
    }

    /**
     * Stops every service in reverse order, removes their pid files, and releases the lock. Idempotent; safe to call
     * from a shutdown hook while {@link #start} is still running.
     */
    synchronized void stop(PrintStream out) {
        if (!stopping.complete(null)) {
            return;
        }
        List<DevService> reversed = new ArrayList<>(services);
        Collections.reverse(reversed);
        for (DevService service : reversed) {
            try {
                out.println("Stopping " + service.name() + " ...");
                service.stop();
                pidFiles.remove(service.name());
            } catch (RuntimeException e) {
                // Keep going: the remaining services must still stop. The pid file stays for the next run.
                out.println("Could not stop " + service.name() + ": " + e);
            }
        }
        releaseLock();
    }

    private void releaseLock() {
        try {
            if (lock != null) {
                lock.release();
            }
            if (lockChannel != null) {
                lockChannel.close();
            }
        } catch (IOException e) {
            // The lock dies with the JVM anyway.
        }
    }

    /** The ready banner: how to reach each service, where state and logs are. */
    List<String> banner() {
        List<String> lines = new ArrayList<>();
        lines.add("Cadenza dev stack is ready.");
        lines.add("");
        services.forEach(service -> lines.addAll(service.describe()));
        lines.add("");
        lines.add("Data directory          " + dataDir);
        services.forEach(service -> lines.add(String.format("Log %-19s %s", service.name(), service.logFile())));
        lines.add("");
        lines.add("Press Ctrl-C to stop. State is kept in the data directory for the next start.");
        return lines;
    }
}
