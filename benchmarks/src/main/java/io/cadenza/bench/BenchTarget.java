package io.cadenza.bench;

/** A Temporal-compatible server to benchmark, running for as long as the object is open. */
interface BenchTarget extends AutoCloseable {

    /** The label in the output, e.g. {@code cadenza}. */
    String name();

    /** The gRPC {@code host:port} that workers and clients connect to. */
    String address();

    /** How the SDK connects: by default anonymously to {@link #address} in namespace {@code default}. */
    default ThroughputRun.Connection connection() {
        return ThroughputRun.Connection.anonymous(address());
    }

    /**
     * The OS processes serving this target outside the benchmark's JVM (with their children), whose CPU time the
     * run reports; empty when the server runs in this JVM or was started by someone else.
     */
    default java.util.List<ProcessHandle> serverProcesses() {
        return java.util.List.of();
    }

    /**
     * {@link #serverProcesses} by the name the output gives them: by default the executable's ({@code java},
     * {@code postgres}; the Kafka broker as {@code kafka}).
     */
    default java.util.Map<String, java.util.List<ProcessHandle>> processesByName() {
        java.util.Map<String, java.util.List<ProcessHandle>> byName = new java.util.LinkedHashMap<>();
        for (ProcessHandle process : serverProcesses()) {
            byName.computeIfAbsent(CpuClock.nameOf(process), k -> new java.util.ArrayList<>()).add(process);
        }
        return byName;
    }

    /**
     * The target to measure after the warm-up: this one, or for a server whose speed depends on what it has
     * accumulated, a fresh one in the same (now compiled) JVM. The returned target replaces this one, which is
     * closed if it differs.
     */
    default BenchTarget afterWarmup() {
        return this;
    }

    /** Stops what the target started; a no-op for a server that was already running. */
    @Override
    void close();
}
