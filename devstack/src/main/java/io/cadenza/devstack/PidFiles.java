package io.cadenza.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code run/*.pid} files of a dev stack: one per process it spawned, so that the next run can stop processes
 * that a SIGKILLed run left behind.
 *
 * <p>A file holds the pid, the process's start time and its full command line. A leftover is only stopped when a
 * live process matches all three: a pid alone may have been reused by an unrelated process since.
 */
final class PidFiles {

    private static final String SUFFIX = ".pid";
    private static final String START = "start=";
    private static final String COMMAND = "command=";
    /** The start time read back from /proc is rounded to clock ticks; allow for that. */
    private static final Duration START_TOLERANCE = Duration.ofSeconds(1);

    private final Path runDir;

    PidFiles(Path runDir) {
        this.runDir = runDir;
    }

    /** Records (or re-records) the process spawned for a service. */
    void write(String service, ProcessHandle process) {
        String start = process.info().startInstant().map(Instant::toString).orElse("");
        String content = process.pid() + "\n" + START + start + "\n" + COMMAND + Processes.commandLine(process) + "\n";
        try {
            Files.createDirectories(runDir);
            Path file = runDir.resolve(service + SUFFIX);
            // Write then rename, so a reader never sees half a file even if this JVM dies mid-write.
            Path partial = runDir.resolve(service + SUFFIX + ".tmp");
            Files.writeString(partial, content);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the pid file of " + service, e);
        }
    }

    /** Forgets a service's process once it has been stopped. */
    void remove(String service) {
        try {
            Files.deleteIfExists(runDir.resolve(service + SUFFIX));
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove the pid file of " + service, e);
        }
    }

    /**
     * Stops every recorded process that is still running and still the process that was recorded (SIGTERM, then
     * SIGKILL after {@code grace}), and removes all pid files.
     *
     * @return a description of each process that was stopped
     */
    List<String> stopLeftovers(Duration grace) throws IOException {
        List<String> stopped = new ArrayList<>();
        if (!Files.isDirectory(runDir)) {
            return stopped;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(runDir, "*" + SUFFIX)) {
            for (Path file : files) {
                String service = file.getFileName().toString();
                service = service.substring(0, service.length() - SUFFIX.length());
                Optional<ProcessHandle> leftover = liveMatch(file);
                if (leftover.isPresent()) {
                    Processes.terminate(leftover.get(), grace);
                    stopped.add(service + " (pid " + leftover.get().pid() + ")");
                }
                Files.deleteIfExists(file);
            }
        }
        return stopped;
    }

    /** The live process the file describes, if the pid still belongs to it. */
    private static Optional<ProcessHandle> liveMatch(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        if (lines.size() < 3 || !lines.get(1).startsWith(START) || !lines.get(2).startsWith(COMMAND)) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).trim());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        String recordedStart = lines.get(1).substring(START.length());
        String recordedCommand = lines.get(2).substring(COMMAND.length());
        return ProcessHandle.of(pid)
                .filter(Processes::isRunning)
                .filter(p -> !recordedCommand.isEmpty() && recordedCommand.equals(Processes.commandLine(p)))
                .filter(p -> sameStart(recordedStart, p));
    }

    private static boolean sameStart(String recorded, ProcessHandle process) {
        Optional<Instant> actual = process.info().startInstant();
        if (recorded.isEmpty() || actual.isEmpty()) {
            return true; // the OS did not tell; the full command line already matched
        }
        Duration difference = Duration.between(Instant.parse(recorded), actual.get()).abs();
        return difference.compareTo(START_TOLERANCE) <= 0;
    }
}
