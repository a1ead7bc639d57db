package io.cadenza.bench;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

/**
 * The figures of one target's measured run, as a child JVM hands them to the parent that compares the targets.
 *
 * @param throughput completed workflows per second
 * @param startP50Ms StartWorkflowExecution latency, median
 * @param startP99Ms StartWorkflowExecution latency, 99th percentile
 * @param clean      whether every workflow completed with the expected result
 */
record TargetSummary(double throughput, double startP50Ms, double startP99Ms, boolean clean) {

    static TargetSummary of(PhaseResult result) {
        return new TargetSummary(result.throughput(), result.startLatency().p50Ms(), result.startLatency().p99Ms(),
                result.clean());
    }

    void write(Path file) throws IOException {
        Properties p = new Properties();
        p.setProperty("throughput", String.format(Locale.ROOT, "%.3f", throughput));
        p.setProperty("startP50Ms", String.format(Locale.ROOT, "%.3f", startP50Ms));
        p.setProperty("startP99Ms", String.format(Locale.ROOT, "%.3f", startP99Ms));
        p.setProperty("clean", Boolean.toString(clean));
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(w, "WorkflowThroughputBenchmark target summary");
        }
    }

    static TargetSummary read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        try {
            return new TargetSummary(Double.parseDouble(p.getProperty("throughput")),
                    Double.parseDouble(p.getProperty("startP50Ms")), Double.parseDouble(p.getProperty("startP99Ms")),
                    Boolean.parseBoolean(p.getProperty("clean")));
        } catch (NullPointerException | NumberFormatException e) {
            throw new IOException("incomplete benchmark summary in " + file + ": " + p, e);
        }
    }
}
