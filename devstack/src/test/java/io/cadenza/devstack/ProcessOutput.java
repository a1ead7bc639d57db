package io.cadenza.devstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Collects a child process's (merged) output on a daemon thread, which also keeps the pipe drained so the child never
 * blocks on it, and lets a test wait for a line with a deadline.
 */
final class ProcessOutput {

    private final StringBuilder text = new StringBuilder();
    private boolean ended;

    private ProcessOutput() {
    }

    static ProcessOutput of(Process process) {
        ProcessOutput output = new ProcessOutput();
        Thread reader = new Thread(() -> output.read(process), "output-of-" + process.pid());
        reader.setDaemon(true);
        reader.start();
        return output;
    }

    private void read(Process process) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                synchronized (this) {
                    text.append(line).append('\n');
                    notifyAll();
                }
            }
        } catch (IOException e) {
            // The process was killed: its output simply ends.
        }
        synchronized (this) {
            ended = true;
            notifyAll();
        }
    }

    /** Waits until a line containing {@code fragment} appears and returns that line; fails with the whole output. */
    synchronized String awaitLine(String fragment, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (String line : text.toString().split("\n")) {
                if (line.contains(fragment)) {
                    return line;
                }
            }
            long left = deadline - System.nanoTime();
            if (ended || left <= 0) {
                throw new AssertionError("no line containing '" + fragment + "' "
                        + (ended ? "before the output ended" : "within " + timeout) + "; output:\n" + text);
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /** Waits until the output ends (the process exited and the pipe closed). */
    synchronized String awaitEnd(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ended) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("output did not end within " + timeout + "; output:\n" + text);
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return text.toString();
    }

    synchronized String text() {
        return text.toString();
    }
}
