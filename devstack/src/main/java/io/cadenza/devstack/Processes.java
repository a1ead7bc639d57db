package io.cadenza.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Stopping and inspecting OS processes, shared by every service the dev stack runs.
 *
 * <p>The dev stack deals with processes it did not necessarily start itself (a postmaster or a data plane left
 * behind by a JVM that was killed with SIGKILL), so everything here works on {@link ProcessHandle}s, not on
 * {@link Process} objects.
 */
public final class Processes {

    /** How long to wait for a process to disappear after SIGKILL before giving up. */
    private static final Duration AFTER_KILL = Duration.ofSeconds(10);
    private static final long POLL_MILLIS = 50;
    private static final long WATCH_MILLIS = 250;
    /** One daemon thread polls every watched process; watching is cheap and must not keep the JVM alive. */
    private static final ScheduledExecutorService WATCHER = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "process-watcher");
        thread.setDaemon(true);
        return thread;
    });

    private Processes() {
    }

    /**
     * Asks a process to stop with SIGTERM, escalates to SIGKILL when it is still running after {@code grace}, and
     * waits for it to be gone.
     *
     * @return {@code true} when the process exited within the grace period, {@code false} when it had to be killed
     * @throws IllegalStateException when the process survives even SIGKILL
     */
    public static boolean terminate(ProcessHandle process, Duration grace) {
        if (!isRunning(process)) {
            return true;
        }
        process.destroy();
        if (awaitExit(process, grace)) {
            return true;
        }
        kill(process);
        return false;
    }

    /**
     * Sends SIGKILL and waits for the process to be gone.
     *
     * @throws IllegalStateException when the process is still there 10 seconds later
     */
    public static void kill(ProcessHandle process) {
        process.destroyForcibly();
        if (!awaitExit(process, AFTER_KILL)) {
            throw new IllegalStateException("process " + process.pid() + " survived SIGKILL for " + AFTER_KILL);
        }
    }

    /**
     * Waits until the process is gone or the timeout passes.
     *
     * @return whether the process is gone
     */
    public static boolean awaitExit(ProcessHandle process, Duration timeout) {
        // onExit() alone is not enough: a process whose parent died is re-parented to PID 1, and when PID 1 does not
        // reap children (some container inits do not) it stays a zombie that the JDK still reports as alive.
        long deadline = System.nanoTime() + timeout.toNanos();
        while (isRunning(process)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                process.onExit().get(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, POLL_MILLIS),
                        TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !isRunning(process);
            } catch (Exception pollAgain) {
                // Timeout of one poll slice (or a failed completion): look again until the deadline.
            }
        }
        return true;
    }

    /**
     * Completes when the process is gone. Unlike {@link ProcessHandle#onExit()}, this also completes for a process that
     * is not our child and became a zombie (which the JDK keeps reporting as alive).
     */
    public static CompletableFuture<Void> onExit(ProcessHandle process) {
        CompletableFuture<Void> exited = new CompletableFuture<>();
        ScheduledFuture<?> poll = WATCHER.scheduleWithFixedDelay(() -> {
            if (!isRunning(process)) {
                exited.complete(null);
            }
        }, 0, WATCH_MILLIS, TimeUnit.MILLISECONDS);
        exited.whenComplete((done, error) -> poll.cancel(false));
        return exited;
    }

    /** Whether the process exists and is not a zombie. */
    public static boolean isRunning(ProcessHandle process) {
        return process.isAlive() && !isZombie(process.pid());
    }

    /** Whether the pid belongs to a running (non-zombie) process. */
    public static boolean isRunning(long pid) {
        return ProcessHandle.of(pid).map(Processes::isRunning).orElse(false);
    }

    /** The full command line of a process, or an empty string when the OS does not tell. */
    public static String commandLine(ProcessHandle process) {
        ProcessHandle.Info info = process.info();
        return info.commandLine()
                .or(() -> info.command())
                .orElse("");
    }

    /**
     * The working directory of a process (Linux {@code /proc/<pid>/cwd}); empty when unknown. PostgreSQL processes
     * always run with their data directory as working directory, which identifies them reliably.
     */
    static Optional<Path> workingDirectory(long pid) {
        try {
            return Optional.of(Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "cwd")));
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** The file name of a process's executable, e.g. {@code postgres} or {@code java}; empty when unknown. */
    static String executableName(ProcessHandle process) {
        return process.info().command()
                .map(command -> Path.of(command).getFileName().toString())
                .orElse("");
    }

    private static boolean isZombie(long pid) {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc", Long.toString(pid), "stat"));
            if (lines.isEmpty()) {
                return false;
            }
            // Format: "pid (comm) S ...": comm may contain spaces and parentheses, so read after the last ')'.
            String stat = lines.get(0);
            int end = stat.lastIndexOf(')');
            return end > 0 && end + 2 < stat.length() && stat.charAt(end + 2) == 'Z';
        } catch (IOException | SecurityException e) {
            return false;
        }
    }
}
