package io.cadenza.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.cadenza.devstack.CadenzaTopology;

/**
 * The whole system as tenants see it: the stack {@code ./cadenza dev} runs (PostgreSQL, Keycloak, Kafka, control
 * plane, two cells, gateway, billing, dashboard), started for the run on free ports in a temporary directory, and a
 * tenant signed up through the public API whose SDK talks to the gateway with an API key. Every call is
 * authenticated, authorized, rate-limited (the namespace's limits are set high enough not to throttle) and forwarded
 * to the namespace's cell, with metering on.
 */
final class SystemTarget implements BenchTarget {

    /** Set high so that the namespace's rate limits never throttle the benchmark; the limiter still runs per call. */
    static final long LIMIT = 1_000_000;

    private final CadenzaTopology stack;
    private final Path dataDir;
    private final TenantSetup.Tenant tenant;

    private SystemTarget(CadenzaTopology stack, Path dataDir, TenantSetup.Tenant tenant) {
        this.stack = stack;
        this.dataDir = dataDir;
        this.tenant = tenant;
    }

    /** Starts the stack (its output goes to {@code stack.log} in its directory) and signs up the tenant. */
    static SystemTarget start(Path home, PrintStream out) throws IOException {
        for (String artifact : CadenzaTopology.requiredArtifacts()) {
            if (!Files.exists(home.resolve(artifact))) {
                throw new IOException("missing " + home.resolve(artifact)
                        + " (build the system first: ./mvnw -B -DskipTests package)");
            }
        }
        Path dataDir = Files.createTempDirectory("cadenza-bench-system-");
        CadenzaTopology stack = CadenzaTopology.create(new CadenzaTopology.Settings(home, dataDir,
                CadenzaTopology.Ports.free(), true));
        long began = System.nanoTime();
        try (PrintStream log = new PrintStream(Files.newOutputStream(dataDir.resolve("stack.log")), true)) {
            stack.start(log);
        } catch (IOException | RuntimeException e) {
            stack.stop(System.err);
            throw new IOException("the stack did not start (logs in " + dataDir.resolve("logs") + "): "
                    + e.getMessage(), e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stack.stop(new PrintStream(
                java.io.OutputStream.nullOutputStream())), "cadenza-bench-system-cleanup"));
        try {
            TenantSetup.Tenant tenant = new TenantSetup(stack.gatewayHttpUrl(), stack.keycloakUrl())
                    .create(LIMIT, LIMIT, Duration.ofMinutes(2));
            out.printf(java.util.Locale.ROOT, "whole system started in %.0f s (logs in %s); tenant %s, namespace %s on"
                            + " %s, API key authenticated, limits %d actions/s and %d requests/s%n",
                    (System.nanoTime() - began) / 1e9, dataDir.resolve("logs"), tenant.accountId(),
                    tenant.namespace(), tenant.cellId(), LIMIT, LIMIT);
            return new SystemTarget(stack, dataDir, tenant);
        } catch (IOException | RuntimeException e) {
            stack.stop(System.err);
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stack.stop(System.err);
            throw new IOException("interrupted while setting up the tenant", e);
        }
    }

    @Override
    public String name() {
        return BenchOptions.Target.SYSTEM.label();
    }

    @Override
    public String address() {
        return stack.gatewayGrpcTarget();
    }

    @Override
    public ThroughputRun.Connection connection() {
        return new ThroughputRun.Connection(address(), tenant.namespace(), Optional.of(tenant.apiKey()));
    }

    /** The same namespace straight at its cell, as the gateway forwards to it (internal token, no API key). */
    ThroughputRun.Connection directToCell() {
        return new ThroughputRun.Connection(stack.cellGrpcTarget(tenant.cellId()), tenant.namespace(),
                Optional.empty(), Map.of("cadenza-internal-token", stack.internalToken()));
    }

    /** JDBC URL of the namespace's cell database. */
    String cellJdbcUrl() {
        return stack.jdbcUrl(CadenzaTopology.cellDatabase(tenant.cellId()));
    }

    String cellId() {
        return tenant.cellId();
    }

    /** SIGKILLs a service ({@code gateway}, {@code cell-1}, ...) and starts it again; returns once it is ready. */
    Duration restart(String service) throws IOException {
        long began = System.nanoTime();
        stack.crashAndRestart(service);
        return Duration.ofNanos(System.nanoTime() - began);
    }

    @Override
    public List<ProcessHandle> serverProcesses() {
        return new ArrayList<>(processesByName().values().stream().flatMap(List::stream).toList());
    }

    /** Every process of the stack, by service name; the tenant's cell first, then the gateway and PostgreSQL. */
    @Override
    public Map<String, List<ProcessHandle>> processesByName() {
        Map<String, ProcessHandle> all;
        try {
            all = stack.serviceProcesses();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Map<String, List<ProcessHandle>> ordered = new LinkedHashMap<>();
        for (String first : List.of(tenant.cellId(), "gateway", "postgres")) {
            if (all.containsKey(first)) {
                ordered.put(first, List.of(all.get(first)));
            }
        }
        all.forEach((name, process) -> ordered.putIfAbsent(name, List.of(process)));
        return ordered;
    }

    @Override
    public void close() {
        stack.stop(new PrintStream(java.io.OutputStream.nullOutputStream()));
        CadenzaTarget.deleteRecursively(dataDir);
    }
}
