package io.cadenza.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Prints how many one-activity workflows per second Cadenza completes, next to Temporal's in-memory test server
 * driven by the same SDK worker and client code. A harness that prints figures, not a test: it asserts nothing.
 *
 * <pre>java -Dcadenza.home=REPO -cp ... io.cadenza.bench.WorkflowThroughputBenchmark
 *     [--workflows 2000] [--concurrency 100] [--warmup 200] [--target cadenza|testserver|both|LIST]
 *     [--cadenza-address HOST:PORT] [--timeout-seconds 600]</pre>
 *
 * <p>Per target: start (or connect to) the server, start a worker, run the warm-up batch, then the measured batch,
 * and print workflows/s, StartWorkflowExecution latency (p50/p99/max) and the total time. With both targets, a last
 * line gives Cadenza's throughput as a ratio of the test server's. Exits 1 when a target failed or lost workflows.
 */
public final class WorkflowThroughputBenchmark {

    private WorkflowThroughputBenchmark() {
    }

    public static void main(String[] args) throws InterruptedException {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        // The SDK logs every worker start and stop at INFO; keep the figures readable. -D flags still override.
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        System.exit(run(options, System.out) ? 0 : 1);
    }

    /** Runs every target in order; returns whether all of them completed every workflow. */
    static boolean run(BenchOptions options, PrintStream out) throws InterruptedException {
        out.printf(Locale.ROOT, "Workflow throughput: %d workflows (after %d warm-up), %d in flight, one activity each,"
                        + " task queue '%s', namespace '%s'%n", options.workflows(), options.warmup(),
                options.concurrency(), ThroughputRun.TASK_QUEUE, ThroughputRun.NAMESPACE);
        Map<BenchOptions.Target, PhaseResult> results = new LinkedHashMap<>();
        boolean allClean = true;
        for (BenchOptions.Target target : options.targets()) {
            try (BenchTarget server = open(target, options, out);
                 ThroughputRun run = ThroughputRun.open(server.address(), options.concurrency())) {
                out.printf(Locale.ROOT, "%n== %s at %s ==%n", server.name(), server.address());
                if (options.warmup() > 0) {
                    PhaseResult warmup = run.run("warmup", options.warmup(), options.timeout());
                    out.printf(Locale.ROOT, "warm-up      %d/%d workflows in %.2f s%n", warmup.completed(),
                            warmup.requested(), warmup.elapsed().toNanos() / 1e9);
                }
                PhaseResult measured = run.run("measured", options.workflows(), options.timeout());
                print(measured, out);
                results.put(target, measured);
                allClean &= measured.clean();
            } catch (IOException | RuntimeException e) {
                out.printf(Locale.ROOT, "%n== %s FAILED: %s%n", target.label(), e.getMessage());
                allClean = false;
            }
        }
        PhaseResult cadenza = results.get(BenchOptions.Target.CADENZA);
        PhaseResult testServer = results.get(BenchOptions.Target.TESTSERVER);
        if (cadenza != null && testServer != null && testServer.throughput() > 0) {
            out.printf(Locale.ROOT, "%ncadenza/testserver throughput ratio: %.2f (cadenza %.1f wf/s, testserver %.1f"
                            + " wf/s)%n", cadenza.throughput() / testServer.throughput(), cadenza.throughput(),
                    testServer.throughput());
        }
        return allClean;
    }

    private static BenchTarget open(BenchOptions.Target target, BenchOptions options, PrintStream out)
            throws IOException {
        if (target == BenchOptions.Target.TESTSERVER) {
            return TestServerTarget.start();
        }
        if (options.cadenzaAddress().isPresent()) {
            return CadenzaTarget.running(options.cadenzaAddress().get());
        }
        Path home = Path.of(System.getProperty("cadenza.home", ".")).toAbsolutePath().normalize();
        out.printf("%nStarting PostgreSQL and a data plane from %s ...%n", home.resolve(CadenzaTarget.DATA_PLANE_JAR));
        return CadenzaTarget.start(home);
    }

    private static void print(PhaseResult result, PrintStream out) {
        Latencies start = result.startLatency();
        out.printf(Locale.ROOT, "throughput   %.1f workflows/s%n", result.throughput());
        out.printf(Locale.ROOT, "completed    %d/%d workflows in %.2f s (failed %d%s)%n", result.completed(),
                result.requested(), result.elapsed().toNanos() / 1e9, result.failed(),
                result.timedOut() ? ", TIMED OUT" : "");
        out.printf(Locale.ROOT, "start        StartWorkflowExecution p50 %.2f ms, p99 %.2f ms, max %.2f ms"
                + " (%d starts)%n", start.p50Ms(), start.p99Ms(), start.maxMs(), start.count());
        result.firstFailure().ifPresent(failure -> out.println("first failure: " + failure));
    }
}
