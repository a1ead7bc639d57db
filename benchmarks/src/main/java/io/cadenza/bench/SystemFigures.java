package io.cadenza.bench;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;

/**
 * The figures only the whole-system target has: what an idle stack costs, what a workflow costs the cell's database,
 * what the gateway adds to a call, and how fast a restarted gateway and cell serve again.
 */
final class SystemFigures {

    private SystemFigures() {
    }

    /** CPU of each process over a quiet period (nothing runs but the stack itself) and its memory (PSS) after. */
    static void idle(SystemTarget target, Duration period, PrintStream out) throws InterruptedException {
        Map<String, List<ProcessHandle>> processes = target.processesByName();
        Map<String, Duration> before = CpuClock.byName(processes);
        long began = System.nanoTime();
        Thread.sleep(period.toMillis()); // the measurement itself: a quiet period of the stated length
        double seconds = (System.nanoTime() - began) / 1e9;
        Map<String, Duration> after = CpuClock.byName(processes);
        double total = 0;
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, List<ProcessHandle>> e : processes.entrySet()) {
            double ms = after.get(e.getKey()).minus(before.get(e.getKey())).toNanos() / 1e6;
            total += ms;
            parts.add(String.format(Locale.ROOT, "%s %.1f ms/s, %d MB", e.getKey(), ms / seconds,
                    CpuClock.residentBytes(e.getValue()) >> 20));
        }
        out.printf(Locale.ROOT, "idle         over %.0f s: %.1f ms CPU per second in all (%.1f %% of one core); per"
                + " process CPU and memory (proportional set size): %s%n", seconds, total / seconds, total / seconds / 10,
                String.join(", ", parts));
    }

    /** Counters of the cell database that a batch of workflows moves. */
    record SqlCounters(long commits, long nextXid, long walBytes, long walSyncs) {

        static SqlCounters read(String jdbcUrl) throws SQLException {
            try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
                 Statement s = c.createStatement()) {
                long commits;
                try (ResultSet r = s.executeQuery("SELECT xact_commit FROM pg_stat_database"
                        + " WHERE datname = current_database()")) {
                    r.next();
                    commits = r.getLong(1);
                }
                long xid;
                try (ResultSet r = s.executeQuery("SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint")) {
                    r.next();
                    xid = r.getLong(1);
                }
                long wal;
                try (ResultSet r = s.executeQuery("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint")) {
                    r.next();
                    wal = r.getLong(1);
                }
                long syncs = -1;
                try (ResultSet r = s.executeQuery("SELECT wal_sync FROM pg_stat_wal")) {
                    r.next();
                    syncs = r.getLong(1);
                } catch (SQLException e) {
                    // PostgreSQL without pg_stat_wal.wal_sync: reported as unknown
                }
                return new SqlCounters(commits, xid, wal, syncs);
            }
        }

        /**
         * The counters once PostgreSQL's statistics settled: backends report commits a little after they happen, so
         * this reads until two reads a second apart agree (at most 10 s).
         */
        static SqlCounters settled(String jdbcUrl) throws SQLException, InterruptedException {
            SqlCounters last = read(jdbcUrl);
            for (int i = 0; i < 10; i++) {
                Thread.sleep(1000);
                SqlCounters now = read(jdbcUrl);
                if (now.commits == last.commits && now.walSyncs == last.walSyncs) {
                    return now;
                }
                last = now;
            }
            return last;
        }

        void printPerWorkflow(SqlCounters before, int workflows, PrintStream out) {
            double n = Math.max(1, workflows);
            out.printf(Locale.ROOT, "sql/wf       %.2f write transactions (transaction ids assigned, whole server:"
                            + " cell, billing, control plane), %.2f commits in the cell's database (reads included),"
                            + " %.0f bytes of WAL, %s WAL fsyncs%n",
                    (nextXid - before.nextXid) / n, (commits - before.commits) / n, (walBytes - before.walBytes) / n,
                    walSyncs < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", (walSyncs - before.walSyncs) / n));
        }
    }

    /**
     * The gateway's added latency per call: the same cheap RPC (DescribeNamespace, answered from the cell's memory)
     * sent one at a time through the gateway with the API key and straight to the cell with the internal token, in
     * alternating blocks so that both see the same machine.
     */
    static void gatewayLatency(SystemTarget target, int calls, PrintStream out) {
        RpcCounter ignored = new RpcCounter();
        WorkflowServiceStubs viaGateway = ThroughputRun.stubs(target.connection(), ignored);
        WorkflowServiceStubs direct = ThroughputRun.stubs(target.directToCell(), ignored);
        try {
            DescribeNamespaceRequest request = DescribeNamespaceRequest.newBuilder()
                    .setNamespace(target.connection().namespace()).build();
            for (int i = 0; i < 200; i++) { // warm both paths (connections, caches, JIT)
                viaGateway.blockingStub().describeNamespace(request);
                direct.blockingStub().describeNamespace(request);
            }
            long[] gateway = new long[calls];
            long[] cell = new long[calls];
            int block = 100;
            for (int from = 0; from < calls; from += block) {
                int to = Math.min(calls, from + block);
                for (int i = from; i < to; i++) {
                    long t = System.nanoTime();
                    viaGateway.blockingStub().describeNamespace(request);
                    gateway[i] = System.nanoTime() - t;
                }
                for (int i = from; i < to; i++) {
                    long t = System.nanoTime();
                    direct.blockingStub().describeNamespace(request);
                    cell[i] = System.nanoTime() - t;
                }
            }
            Latencies g = Latencies.of(gateway);
            Latencies c = Latencies.of(cell);
            out.printf(Locale.ROOT, "gateway      DescribeNamespace one at a time (%d each): through the gateway p50"
                            + " %.2f ms, p99 %.2f ms; straight to the cell p50 %.2f ms, p99 %.2f ms; added p50 %.2f"
                            + " ms, p99 %.2f ms%n", calls, g.p50Ms(), g.p99Ms(), c.p50Ms(), c.p99Ms(),
                    g.p50Ms() - c.p50Ms(), g.p99Ms() - c.p99Ms());
        } finally {
            viaGateway.shutdownNow();
            direct.shutdownNow();
        }
    }

    /**
     * Restarts the gateway and the tenant's cell (SIGKILL, then start, as a crash and a redeploy do), then runs the
     * closed loop for {@code period} with new SDK clients and prints throughput per 10-second window: how soon fresh
     * JVMs serve at full speed.
     */
    static void afterRestart(SystemTarget target, int concurrency, Duration period, double steadyThroughput,
                             PrintStream out) throws Exception {
        Map<String, Duration> restarts = new LinkedHashMap<>();
        restarts.put(target.cellId(), target.restart(target.cellId()));
        restarts.put("gateway", target.restart("gateway"));
        out.printf(Locale.ROOT, "restart      %s%n", restarts.entrySet().stream().map(e -> String.format(Locale.ROOT,
                "%s back in %.1f s", e.getKey(), e.getValue().toNanos() / 1e9)).collect(Collectors.joining(", ")));
        try (ThroughputRun run = ThroughputRun.open(target.connection(), concurrency)) {
            // More than the period can finish at twice the steady rate: the period, not the count, ends the batch.
            int count = (int) Math.max(2000, steadyThroughput * 2 * period.toSeconds());
            PhaseResult result = run.run("restart", count, period, 0);
            double[] windows = result.throughputPerWindow(10);
            StringBuilder line = new StringBuilder();
            for (int w = 0; w < windows.length; w++) {
                line.append(String.format(Locale.ROOT, "%s%d-%ds %.1f", w == 0 ? "" : ", ", w * 10,
                        Math.min((w + 1) * 10, result.completedPerSecond().length), windows[w]));
            }
            out.printf(Locale.ROOT, "after restart workflows/s per window: %s (steady state before: %.1f; first minute"
                            + " %.1f wf/s = %.2fx)%n", line, steadyThroughput, result.throughput(),
                    steadyThroughput > 0 ? result.throughput() / steadyThroughput : 0);
        }
    }
}
