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
            String name = root.info().command().map(c -> java.nio.file.Path.of(c).getFileName().toString())
                    .orElse("pid " + root.pid());
            if (root.info().commandLine().filter(c -> c.contains("kafka.Kafka")).isPresent()) {
                name = "kafka"; // the metering broker: a java process too, told apart from the data plane
            }
            times.merge(name, of(List.of(root)), Duration::plus);
        }
        return times;
    }

    /** CPU time so far of the processes and all their live descendants; processes that already exited count 0. */
    static Duration of(List<ProcessHandle> roots) {
        return roots.stream()
                .flatMap(p -> Stream.concat(Stream.of(p), p.descendants()))
                .map(p -> p.info().totalCpuDuration().orElse(Duration.ZERO))
                .reduce(Duration.ZERO, Duration::plus);
    }
}
