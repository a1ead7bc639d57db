package io.cadenza.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Prints how many one-activity workflows per second Cadenza completes, next to Temporal's in-memory test server
 * driven by the same SDK worker and client code. A harness that prints figures, not a test: it asserts nothing.
 *
 * <pre>java -Dcadenza.home=REPO -cp ... io.cadenza.bench.WorkflowThroughputBenchmark
 *     [--workflows 5000] [--concurrency 100] [--warmup 8000] [--target cadenza|testserver|both|LIST]
 *     [--cadenza-address HOST:PORT] [--timeout-seconds 600] [--same-jvm]</pre>
 *
 * <p>With more than one target, each runs in a fresh JVM of its own ({@link TargetProcess}). Per target: start
 * (or connect to) the server, run the warm-up batch with one SDK worker and client, then the measured batch with new
 * ones (on a fresh test server: see {@link BenchTarget#afterWarmup}),
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
        if (options.report().isEmpty()) { // a child JVM's parent printed this already
            printHeader(options, out);
        }
        return runTargets(options, out, new LinkedHashMap<>());
    }

    private static void printHeader(BenchOptions options, PrintStream out) {
        out.printf(Locale.ROOT, "Workflow throughput: %d workflows (after %d warm-up), %d in flight, one activity each,"
                        + " task queue '%s', namespace '%s'%s%n", options.workflows(), options.warmup(),
                options.concurrency(), ThroughputRun.TASK_QUEUE, options.targets().equals(List.of(
                        BenchOptions.Target.SYSTEM)) ? "bench.<account>" : ThroughputRun.NAMESPACE,
                options.jvmPerTarget() ? ", each target in a fresh JVM" : "");
        if (options.rate() > 0) {
            out.printf(Locale.ROOT, "Open loop: %.0f starts per second%n", options.rate());
        }
        out.flush();
    }

    private static boolean runTargets(BenchOptions options, PrintStream out,
                                      Map<BenchOptions.Target, TargetSummary> results) throws InterruptedException {
        boolean allClean = true;
        for (BenchOptions.Target target : options.targets()) {
            Optional<TargetSummary> summary = options.jvmPerTarget()
                    ? TargetProcess.run(target, options)
                    : runHere(target, options, out);
            summary.ifPresent(s -> results.put(target, s));
            allClean &= summary.map(TargetSummary::clean).orElse(false);
        }
        TargetSummary testServer = results.get(BenchOptions.Target.TESTSERVER);
        for (BenchOptions.Target target : List.of(BenchOptions.Target.CADENZA, BenchOptions.Target.SYSTEM)) {
            TargetSummary cadenza = results.get(target);
            if (cadenza != null && testServer != null && testServer.throughput() > 0) {
                out.printf(Locale.ROOT, "%n%s/testserver throughput ratio: %.2f (%s %.1f wf/s, testserver %.1f"
                                + " wf/s; start p50 %s %.1f ms, testserver %.1f ms; p99 %.1f ms vs %.1f ms)%n",
                        target.label(), cadenza.throughput() / testServer.throughput(), target.label(),
                        cadenza.throughput(), testServer.throughput(), target.label(), cadenza.startP50Ms(),
                        testServer.startP50Ms(), cadenza.startP99Ms(), testServer.startP99Ms());
            }
        }
        return allClean;
    }

    /** Runs one target in this JVM; empty if it could not run at all. */
    private static Optional<TargetSummary> runHere(BenchOptions.Target target, BenchOptions options, PrintStream out)
            throws InterruptedException {
        BenchTarget server = null;
        try {
            server = open(target, options, out);
            out.printf(Locale.ROOT, "%n== %s at %s ==%n", server.name(), server.address());
            if (options.warmup() > 0) {
                try (ThroughputRun run = ThroughputRun.open(server.connection(), options.concurrency())) {
                    PhaseResult warmup = run.run("warmup", options.warmup(), options.timeout(), 0);
                    out.printf(Locale.ROOT, "warm-up      %d/%d workflows in %.2f s%n", warmup.completed(),
                            warmup.requested(), warmup.elapsed().toNanos() / 1e9);
                }
                BenchTarget measuredServer = server.afterWarmup();
                if (measuredServer != server) {
                    out.printf(Locale.ROOT, "measured on a fresh %s at %s (same JVM)%n", measuredServer.name(),
                            measuredServer.address());
                }
                server = measuredServer;
            }
            return Optional.of(measure(server, options, out));
        } catch (IOException | RuntimeException e) {
            out.printf(Locale.ROOT, "%n== %s FAILED: %s%n", target.label(), e.getMessage());
            return Optional.empty();
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    /** The measured batch, with a new SDK worker and client (the warm-up's were closed, for both targets alike). */
    private static TargetSummary measure(BenchTarget server, BenchOptions options, PrintStream out)
            throws InterruptedException, IOException {
        SystemTarget system = server instanceof SystemTarget s ? s : null;
        PhaseResult measured;
        try (ThroughputRun run = ThroughputRun.open(server.connection(), options.concurrency())) {
            Duration jvmCpu = CpuClock.thisJvm();
            Map<String, List<ProcessHandle>> processes = server.processesByName();
            Map<String, Duration> before = CpuClock.byName(processes);
            SystemFigures.SqlCounters sqlBefore = system == null ? null
                    : SystemFigures.SqlCounters.read(system.cellJdbcUrl());
            measured = run.run("measured", options.workflows(), options.timeout(), options.rate());
            jvmCpu = CpuClock.thisJvm().minus(jvmCpu);
            Map<String, Duration> serverCpu = new java.util.LinkedHashMap<>();
            CpuClock.byName(processes).forEach((name, total) -> serverCpu.put(name,
                    total.minus(before.getOrDefault(name, Duration.ZERO))));
            print(measured, out);
            printCost(measured, run.drainRpcCounts(), jvmCpu, processes.isEmpty() ? null : serverCpu, out);
            if (system != null) {
                SystemFigures.SqlCounters.settled(system.cellJdbcUrl())
                        .printPerWorkflow(sqlBefore, measured.completed(), out);
            }
            out.flush();
        } catch (java.sql.SQLException e) {
            throw new IOException("could not read the cell database's statistics: " + e.getMessage(), e);
        }
        if (system != null) {
            systemFigures(system, options, measured.throughput(), out);
        }
        TargetSummary summary = TargetSummary.of(measured);
        if (options.report().isPresent()) {
            summary.write(options.report().get());
        }
        return summary;
    }

    /** The whole-system figures, after the measured batch: gateway latency, idle cost, restart warm-up. */
    private static void systemFigures(SystemTarget system, BenchOptions options, double throughput, PrintStream out)
            throws InterruptedException, IOException {
        SystemFigures.gatewayLatency(system, options.system().probeCalls(), out);
        if (!options.system().idle().isZero()) {
            SystemFigures.idle(system, options.system().idle(), out);
        }
        if (!options.system().restart().isZero()) {
            try {
                SystemFigures.afterRestart(system, options.concurrency(), options.system().restart(), throughput,
                        out);
            } catch (IOException | InterruptedException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException(e);
            }
        }
        out.flush();
    }

    private static BenchTarget open(BenchOptions.Target target, BenchOptions options, PrintStream out)
            throws IOException {
        Path home = Path.of(System.getProperty("cadenza.home", ".")).toAbsolutePath().normalize();
        if (target == BenchOptions.Target.TESTSERVER) {
            return TestServerTarget.start();
        }
        if (target == BenchOptions.Target.SYSTEM) {
            out.printf("%nStarting the whole system (./cadenza dev's stack) from %s ...%n", home);
            return SystemTarget.start(home, out);
        }
        if (options.cadenzaAddress().isPresent()) {
            return CadenzaTarget.running(options.cadenzaAddress().get());
        }
        out.printf("%nStarting PostgreSQL%s and a data plane from %s ...%n",
                options.metering() ? ", Kafka (metering on)" : " (metering off)",
                home.resolve(CadenzaTarget.DATA_PLANE_JAR));
        return CadenzaTarget.start(home, options.metering());
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

    /**
     * What each completed workflow cost: RPCs sent by the SDK worker and client, and CPU time of this JVM (worker,
     * client, and the test server when it runs in here) and of the server's own processes.
     */
    private static void printCost(PhaseResult result, Map<String, Long> rpcs, Duration jvmCpu,
                                  Map<String, Duration> serverCpu, PrintStream out) {
        double n = Math.max(1, result.completed());
        StringBuilder line = new StringBuilder();
        long total = 0;
        for (Map.Entry<String, Long> e : rpcs.entrySet()) {
            total += e.getValue();
            if (e.getValue() / n >= 0.005) {
                // Once-per-worker calls (GetSystemInfo, DescribeNamespace, ...) count in the total only.
                line.append(String.format(Locale.ROOT, " %s %.2f", e.getKey(), e.getValue() / n));
            }
        }
        out.printf(Locale.ROOT, "rpcs/wf      %.2f:%s%n", total / n, line);
        String server = "";
        if (serverCpu != null && !serverCpu.isEmpty()) {
            Duration sum = serverCpu.values().stream().reduce(Duration.ZERO, Duration::plus);
            server = String.format(Locale.ROOT, ", server processes %.2f ms (%s)", sum.toNanos() / 1e6 / n,
                    serverCpu.entrySet().stream().map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(),
                            e.getValue().toNanos() / 1e6 / n)).collect(java.util.stream.Collectors.joining(", ")));
        }
        out.printf(Locale.ROOT, "cpu/wf       benchmark JVM %.2f ms%s%n", jvmCpu.toNanos() / 1e6 / n, server);
    }
}
