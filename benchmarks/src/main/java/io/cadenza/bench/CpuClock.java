package io.cadenza.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * CPU time used by a set of OS processes (and their children), read before and after a batch: where a run spends
 * the machine's cores, e.g. the SDK worker and client versus the server and its database.
 */
final class CpuClock {

    private CpuClock() {
    }

    /** CPU time of this JVM so far (the SDK worker and client, plus the test server when it runs in here). */
    static Duration thisJvm() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return Duration.ofNanos(os.getProcessCpuTime());
        }
        return Duration.ZERO;
    }

    /**
     * CPU time so far of each process with its live descendants, by the process's executable name (e.g.
     * {@code java}, {@code postgres}; the Kafka broker as {@code kafka}), in the order given.
     */
    static java.util.Map<String, Duration> byProcess(List<ProcessHandle> roots) {
        java.util.Map<String, Duration> times = new java.util.LinkedHashMap<>();
        for (ProcessHandle root : roots) {
            times.merge(nameOf(root), of(List.of(root)), Duration::plus);
        }
        return times;
    }

    /** CPU time so far of each named group of processes (with their live descendants), in the order given. */
    static java.util.Map<String, Duration> byName(java.util.Map<String, List<ProcessHandle>> groups) {
        java.util.Map<String, Duration> times = new java.util.LinkedHashMap<>();
        groups.forEach((name, processes) -> times.put(name, of(processes)));
        return times;
    }

    /** The executable's name ({@code java}, {@code postgres}); the Kafka broker, a java process too, as kafka. */
    static String nameOf(ProcessHandle process) {
        if (process.info().commandLine().filter(c -> c.contains("kafka.Kafka")).isPresent()) {
            return "kafka";
        }
        return process.info().command().map(c -> java.nio.file.Path.of(c).getFileName().toString())
                .orElse("pid " + process.pid());
    }

    /**
     * Memory of the processes and their live descendants, in bytes: the proportional set size ({@code Pss} in
     * {@code /proc/PID/smaps_rollup}: each shared page counted once over the processes sharing it, so PostgreSQL's
     * shared buffers are not counted once per backend), else {@code VmRSS}; 0 where the OS does not tell.
     */
    static long residentBytes(List<ProcessHandle> roots) {
        return roots.stream()
                .flatMap(p -> Stream.concat(Stream.of(p), p.descendants()))
                .mapToLong(CpuClock::residentBytes)
                .sum();
    }

    private static long residentBytes(ProcessHandle process) {
        try {
            java.nio.file.Path rollup = java.nio.file.Path.of("/proc", Long.toString(process.pid()), "smaps_rollup");
            if (java.nio.file.Files.isReadable(rollup)) {
                for (String line : java.nio.file.Files.readAllLines(rollup)) {
                    if (line.startsWith("Pss:")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                    }
                }
            }
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc", Long.toString(
                    process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // gone, or not Linux
        }
        return 0;
    }

    /** CPU time so far of the processes and all their live descendants; processes that already exited count 0. */
    static Duration of(List<ProcessHandle> roots) {
        return roots.stream()
                .flatMap(p -> Stream.concat(Stream.of(p), p.descendants()))
                .map(p -> p.info().totalCpuDuration().orElse(Duration.ZERO))
                .reduce(Duration.ZERO, Duration::plus);
    }
}
