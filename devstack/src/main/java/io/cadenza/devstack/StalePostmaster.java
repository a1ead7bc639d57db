package io.cadenza.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clears what a previous PostgreSQL run on a data directory may have left behind, so that a new postmaster can start.
 *
 * <p>Two leftovers matter after the owning JVM was killed with SIGKILL:
 * <ul>
 *   <li>a <b>stale {@code postmaster.pid}</b>: PostgreSQL removes it itself when the recorded pid is dead, but refuses
 *       to start when that pid was reused by an unrelated process (common in containers, where pids are small);</li>
 *   <li>an <b>orphaned postmaster</b>: {@code pg_ctl} starts the postmaster in its own session, so it outlives the JVM
 *       that asked for it, keeps the port, and holds the data directory.</li>
 * </ul>
 * A process belongs to the data directory when its executable is {@code postgres} and its working directory is the
 * data directory: the postmaster and every backend chdir there, which no unrelated process does.
 */
final class StalePostmaster {

    private static final Logger LOG = LoggerFactory.getLogger(StalePostmaster.class);
    private static final String PID_FILE = "postmaster.pid";
    /**
     * SIGTERM is PostgreSQL's "smart" shutdown, which waits for clients to disconnect. The clients of an orphan died
     * with the JVM that owned them, so it normally exits at once; a client that lingers costs this long, then SIGKILL
     * (after which PostgreSQL runs crash recovery on the next start, which is safe with fsync on).
     */
    private static final Duration GRACE = Duration.ofSeconds(15);

    private StalePostmaster() {
    }

    /**
     * Stops an orphaned postmaster (and its backends) of {@code dataDir} and removes a stale {@code postmaster.pid}.
     * Must only be called while holding the data directory's lock, so that a live server owned by this or another
     * JVM is never touched.
     */
    static void clear(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve(PID_FILE);
        if (!Files.exists(pidFile)) {
            return;
        }
        OptionalLong recorded = readPid(pidFile);
        List<ProcessHandle> members = processesOf(dataDir);
        if (!members.isEmpty()) {
            stop(members, recorded);
        }
        // Either the pid was dead, reused by something unrelated, or we just stopped it: the file is stale.
        if (Files.deleteIfExists(pidFile)) {
            LOG.info("Removed stale {} (pid {})", pidFile, recorded.isPresent() ? recorded.getAsLong() : "?");
        }
    }

    private static void stop(List<ProcessHandle> members, OptionalLong recorded) {
        Optional<ProcessHandle> postmaster = members.stream()
                .filter(p -> recorded.isPresent() && p.pid() == recorded.getAsLong())
                .findFirst();
        LOG.warn("Found PostgreSQL processes of a previous run still alive: {}; stopping them",
                members.stream().map(p -> Long.toString(p.pid())).collect(Collectors.joining(", ")));
        // The postmaster shuts its backends down itself; only when it cannot (it is gone, or hangs) do we kill them.
        boolean clean = postmaster.map(p -> Processes.terminate(p, GRACE)).orElse(false);
        for (ProcessHandle member : members) {
            if (Processes.isRunning(member)) {
                if (clean) {
                    Processes.awaitExit(member, GRACE);
                }
                if (Processes.isRunning(member)) {
                    Processes.kill(member);
                }
            }
        }
    }

    /** Live {@code postgres} processes whose working directory is {@code dataDir}. */
    private static List<ProcessHandle> processesOf(Path dataDir) throws IOException {
        Path real = dataDir.toRealPath();
        return ProcessHandle.allProcesses()
                .filter(p -> p.pid() != ProcessHandle.current().pid())
                .filter(p -> Processes.executableName(p).equals("postgres"))
                .filter(p -> Processes.workingDirectory(p.pid()).map(real::equals).orElse(false))
                .filter(Processes::isRunning)
                .collect(Collectors.toList());
    }

    /** The first line of {@code postmaster.pid} is the postmaster's pid. */
    static OptionalLong readPid(Path pidFile) {
        try {
            List<String> lines = Files.readAllLines(pidFile);
            return lines.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            // Half-written by a postmaster killed while starting: treat as no pid, the file is removed anyway.
            return OptionalLong.empty();
        }
    }
}
