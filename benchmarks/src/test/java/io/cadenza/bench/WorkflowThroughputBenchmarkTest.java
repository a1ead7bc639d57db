package io.cadenza.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** Keeps the harness itself working: a tiny run against Temporal's test server, which needs nothing else. */
class WorkflowThroughputBenchmarkTest {

    @Test
    void completesEveryWorkflowAgainstTheTestServerAndPrintsTheFigures() throws Exception {
        java.nio.file.Path report = java.nio.file.Files.createTempFile("bench-report", ".properties");
        BenchOptions options = BenchOptions.parse(new String[] {"--target", "testserver", "--workflows", "20",
                "--concurrency", "5", "--warmup", "5", "--timeout-seconds", "60", "--report", report.toString()});
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        boolean clean = WorkflowThroughputBenchmark.run(options, out);

        String output = printed.toString(StandardCharsets.UTF_8);
        assertThat(clean).as(output).isTrue();
        assertThat(output).contains("== testserver at 127.0.0.1:", "throughput", "completed    20/20 workflows",
                "StartWorkflowExecution p50", "rpcs/wf", "PollWorkflowTaskQueue", "cpu/wf       benchmark JVM",
                // The warm-up's histories are left behind: the measured batch runs on a new, empty test server.
                "measured on a fresh testserver at 127.0.0.1:");
        // What a child JVM hands to the parent comparing targets.
        TargetSummary summary = TargetSummary.read(report);
        assertThat(summary.clean()).isTrue();
        assertThat(summary.throughput()).isPositive();
        assertThat(summary.startP99Ms()).isGreaterThanOrEqualTo(summary.startP50Ms()).isPositive();
        java.nio.file.Files.delete(report);
    }
}
