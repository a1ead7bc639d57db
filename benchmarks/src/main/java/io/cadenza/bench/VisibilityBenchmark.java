package io.cadenza.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.cadenza.devstack.DataPlaneProcess;
import io.cadenza.devstack.FreePort;
import io.cadenza.devstack.PostgresServer;

/**
 * Prints how fast Cadenza answers visibility queries over a large namespace. A harness that prints figures, not a
 * test: it asserts nothing.
 *
 * <pre>java -Dcadenza.home=REPO -cp ... io.cadenza.bench.VisibilityBenchmark
 *     [--executions 100000] [--repeats 200] [--warmup-rounds 300] [--warmup 20]</pre>
 *
 * <p>It starts PostgreSQL in a temporary directory (database {@code cadenza_visbench}) and a data plane from
 * {@code <cadenza.home>/data-plane/target/quarkus-app/quarkus-run.jar}, which migrates the schema and creates
 * namespace {@code default} (retention raised to 60 days so that the sweeper keeps the loaded runs). It then COPYs
 * {@code --executions} closed runs ({@link ExecutionRows}: 30 days of start times, six workflow types, mostly
 * Completed) straight into {@code executions}, runs {@code VACUUM ANALYZE}, and times, through the data plane's gRPC
 * API with a raw blocking stub, ListWorkflowExecutions (page size 100) for indexed filters, a deep page, and
 * CountWorkflowExecutions grouped by status: after {@code --warmup-rounds} untimed rounds over all of them (the
 * fresh data plane's JIT needs them), p50/p99/max of {@code --repeats} calls per query, each query after
 * {@code --warmup} more untimed calls. Last, it prints {@code EXPLAIN ANALYZE} of hand-written equivalents of two
 * of the list queries, to show the indexes used. Exits 1 when something failed.
 */
public final class VisibilityBenchmark {

    private static final String DATABASE = "cadenza_visbench";
    private static final long SEED = 42;
    private static final int DEEP_PAGE = 5;

    private VisibilityBenchmark() {
    }

    public static void main(String[] args) {
        VisibilityOptions options;
        try {
            options = VisibilityOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(VisibilityOptions.USAGE);
            System.exit(2);
            return;
        }
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        Path home = Path.of(System.getProperty("cadenza.home", ".")).toAbsolutePath().normalize();
        try {
            run(options, home, System.out);
            System.exit(0);
        } catch (Exception e) {
            System.out.println();
            System.out.println("FAILED: " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }

    /** Starts PostgreSQL and a data plane, loads, measures, prints; stops both in any case. */
    static void run(VisibilityOptions options, Path home, PrintStream out) throws Exception {
        Path jar = home.resolve(CadenzaTarget.DATA_PLANE_JAR);
        if (!Files.isRegularFile(jar)) {
            throw new IOException("data-plane jar not found: " + jar
                    + " (build it: ./mvnw -B -DskipTests package -pl data-plane -am)");
        }
        out.printf(Locale.ROOT, "Visibility: %d closed executions in namespace '%s', page size %d; %d warm-up rounds,"
                        + " then per query %d warm-up + %d timed calls%n", options.executions(),
                VisibilityQueries.NAMESPACE, VisibilityQueries.PAGE_SIZE, options.warmupRounds(), options.warmup(),
                options.repeats());
        Stack stack = new Stack(Files.createTempDirectory("cadenza-visbench-"));
        // A benchmark stopped with Ctrl-C or kill must not leave its data plane and PostgreSQL running.
        Thread cleanup = new Thread(stack::close, "visbench-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            long begin = System.nanoTime();
            PostgresServer postgres = stack.startPostgres();
            int grpcPort = FreePort.findConsecutive(2);
            stack.startDataPlane(new DataPlaneProcess.Settings(jar, grpcPort, "cell-1",
                    postgres.jdbcUrl(DATABASE), postgres.reactiveUrl(DATABASE), postgres.username(),
                    postgres.password(), stack.workDir.resolve("data-plane.log"),
                    // The default 3-day retention would let the sweeper delete most of the loaded runs.
                    Map.of("cadenza.bootstrap-retention-days", "60")));
            out.printf(Locale.ROOT, "started      PostgreSQL on 127.0.0.1:%d and a data plane on 127.0.0.1:%d in"
                    + " %.1f s%n", postgres.port(), grpcPort, seconds(System.nanoTime() - begin));
            try (VisibilityDatabase db = VisibilityDatabase.connect(postgres.jdbcUrl(DATABASE), postgres.username(),
                    postgres.password())) {
                measure(options, db, "127.0.0.1:" + grpcPort, out);
            }
        } finally {
            stack.close();
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down; the hook finds everything closed
            }
        }
    }

    private static void measure(VisibilityOptions options, VisibilityDatabase db, String address, PrintStream out)
            throws Exception {
        String namespaceId = db.namespaceId(VisibilityQueries.NAMESPACE);
        Instant now = Instant.now();
        load(options, db, namespaceId, now, out);
        Instant tenDaysAgo = now.minus(Duration.ofDays(10)).truncatedTo(ChronoUnit.SECONDS);
        String compound = "WorkflowType = 'type-1' AND ExecutionStatus = 'Completed' AND CloseTime > '"
                + tenDaysAgo + "'";
        printResults(time(options, address, compound, out), out);

        String select = "SELECT " + VisibilityDatabase.LIST_COLUMNS + " FROM executions WHERE namespace_id = ? AND ";
        String page = " ORDER BY start_time DESC, run_id LIMIT " + (VisibilityQueries.PAGE_SIZE + 1);
        printPlan(out, "CustomKeywordField = 'cust-42'", db.explainAnalyze(
                select + "search_attributes @> ?::jsonb" + page, namespaceId, "{\"CustomKeywordField\":\"cust-42\"}"));
        printPlan(out, compound, db.explainAnalyze(
                select + "(workflow_type = ? AND status = ? AND close_time > ?)" + page, namespaceId, "type-1", 2,
                OffsetDateTime.ofInstant(tenDaysAgo, ZoneOffset.UTC)));

        long left = db.count(namespaceId);
        out.printf(Locale.ROOT, "%nexecutions in namespace '%s' at the end: %d%n", VisibilityQueries.NAMESPACE, left);
        if (left != options.executions()) {
            throw new IllegalStateException("expected " + options.executions() + " executions, found " + left);
        }
    }

    private static void load(VisibilityOptions options, VisibilityDatabase db, String namespaceId, Instant now,
                             PrintStream out) throws Exception {
        long begin = System.nanoTime();
        db.load(namespaceId, options.executions(), now, SEED);
        long loaded = System.nanoTime();
        db.vacuumAnalyze();
        long analyzed = System.nanoTime();
        out.printf(Locale.ROOT, "loaded       %d executions with COPY in %.2f s (%.0f rows/s), VACUUM ANALYZE %.2f s,"
                        + " table + indexes %d MB%n", options.executions(), seconds(loaded - begin),
                options.executions() / seconds(loaded - begin), seconds(analyzed - loaded),
                db.executionsBytes() / (1024 * 1024));
    }

    /** Warms up on all calls, then times them one after another. */
    private static List<VisibilityQueries.Result> time(VisibilityOptions options, String address, String compound,
                                                       PrintStream out) throws InterruptedException {
        try (VisibilityQueries queries = VisibilityQueries.connect(address)) {
            String type3 = "WorkflowType = 'type-3'";
            List<VisibilityQueries.Call> calls = List.of(
                    queries.firstPage(""),
                    queries.firstPage(type3),
                    queries.firstPage("ExecutionStatus = 'Failed'"),
                    queries.firstPage("CustomKeywordField = 'cust-42'"),
                    queries.firstPage(compound),
                    queries.deepPage(type3, DEEP_PAGE),
                    queries.count("GROUP BY ExecutionStatus"));
            long begin = System.nanoTime();
            queries.warmUp(calls, options.warmupRounds());
            out.printf(Locale.ROOT, "warmed up    %d rounds of the %d calls below in %.1f s%n", options.warmupRounds(),
                    calls.size(), seconds(System.nanoTime() - begin));
            List<VisibilityQueries.Result> results = new ArrayList<>();
            for (VisibilityQueries.Call call : calls) {
                results.add(queries.measure(call, options.warmup(), options.repeats()));
            }
            return results;
        }
    }

    private static void printResults(List<VisibilityQueries.Result> results, PrintStream out) {
        out.printf(Locale.ROOT, "%n%9s %9s %9s %6s %9s  %s%n", "p50 ms", "p99 ms", "max ms", "rows", "matching",
                "call (query)");
        for (VisibilityQueries.Result r : results) {
            out.printf(Locale.ROOT, "%9.2f %9.2f %9.2f %6d %9d  %s%n", r.latency().p50Ms(), r.latency().p99Ms(),
                    r.latency().maxMs(), r.rows(), r.matching(), r.label());
            if (!r.detail().isEmpty()) {
                out.printf("%48s%s%n", "", r.detail());
            }
        }
    }

    private static void printPlan(PrintStream out, String query, List<String> plan) {
        out.printf("%nEXPLAIN ANALYZE, hand-written equivalent of List %s:%n", query);
        plan.forEach(line -> out.println("  " + line));
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    /** PostgreSQL and the data plane of one run, and their files; {@link #close} may be called more than once. */
    private static final class Stack implements AutoCloseable {

        private final Path workDir;
        private PostgresServer postgres;
        private DataPlaneProcess dataPlane;
        private boolean closed;

        Stack(Path workDir) {
            this.workDir = workDir;
        }

        synchronized PostgresServer startPostgres() throws IOException {
            requireOpen();
            postgres = PostgresServer.start(workDir.resolve("postgres"), 0);
            postgres.createDatabaseIfMissing(DATABASE);
            return postgres;
        }

        synchronized void startDataPlane(DataPlaneProcess.Settings settings) throws IOException {
            requireOpen();
            dataPlane = DataPlaneProcess.start(settings);
        }

        /** Nothing may start once the shutdown hook has closed the stack. */
        private void requireOpen() {
            if (closed) {
                throw new IllegalStateException("stopping");
            }
        }

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (dataPlane != null) {
                dataPlane.close();
            }
            if (postgres != null) {
                postgres.close();
            }
            CadenzaTarget.deleteRecursively(workDir);
        }
    }
}
