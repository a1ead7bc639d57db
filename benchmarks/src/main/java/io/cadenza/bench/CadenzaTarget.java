package io.cadenza.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import io.cadenza.devstack.DataPlaneProcess;
import io.cadenza.devstack.FreePort;
import io.cadenza.devstack.KafkaServer;
import io.cadenza.devstack.PostgresServer;

/**
 * Cadenza: either a running one at a given address, or one started for the run (PostgreSQL on a temporary data
 * directory plus a data-plane process from {@code <cadenza.home>/data-plane/target/quarkus-app/quarkus-run.jar}).
 */
final class CadenzaTarget implements BenchTarget {

    static final String DATA_PLANE_JAR = "data-plane/target/quarkus-app/quarkus-run.jar";
    private static final String DATABASE = "cadenza_bench";

    private final String address;
    private final Optional<PostgresServer> postgres;
    /** Replaced when {@link #killAndRestartDataPlane} restarts it. */
    private volatile Optional<DataPlaneProcess> dataPlane;
    private final Optional<Path> workDir;
    private volatile Optional<KafkaServer> kafka = Optional.empty();

    private CadenzaTarget(String address, Optional<PostgresServer> postgres, Optional<DataPlaneProcess> dataPlane,
                          Optional<Path> workDir) {
        this.address = address;
        this.postgres = postgres;
        this.dataPlane = dataPlane;
        this.workDir = workDir;
    }

    /** A Cadenza that is already running; nothing to start or stop. */
    static CadenzaTarget running(String address) {
        return new CadenzaTarget(address, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Starts PostgreSQL and one data plane for this run; {@link #close} stops them and deletes their files. */
    static CadenzaTarget start(Path cadenzaHome) throws IOException {
        return start(cadenzaHome, false);
    }

    /**
     * As {@link #start(Path)}; with {@code metering}, also a Kafka broker (the dev stack's, from
     * {@code devstack/target/kafka-libs}) that the data plane relays its usage to, so metering is on.
     */
    static CadenzaTarget start(Path cadenzaHome, boolean metering) throws IOException {
        Path jar = cadenzaHome.resolve(DATA_PLANE_JAR);
        if (!Files.isRegularFile(jar)) {
            // Checked before PostgreSQL starts, which would be wasted time.
            throw new IOException("data-plane jar not found: " + jar
                    + " (build it: ./mvnw -B -DskipTests package -pl data-plane -am, or pass --cadenza-address)");
        }
        Path workDir = Files.createTempDirectory("cadenza-bench-");
        PostgresServer postgres = null;
        KafkaServer kafka = null;
        try {
            postgres = PostgresServer.start(workDir.resolve("postgres"), 0);
            postgres.createDatabaseIfMissing(DATABASE);
            Map<String, String> properties = Map.of("cadenza.metering.enabled", "false");
            if (metering) {
                kafka = KafkaServer.start(new KafkaServer.Settings(cadenzaHome.resolve("devstack/target/kafka-libs"),
                        workDir.resolve("kafka"), FreePort.findConsecutive(2), workDir.resolve("kafka.log")), p -> { });
                properties = Map.of("kafka.bootstrap.servers", kafka.bootstrapServers());
            }
            // A cell takes two ports: gRPC, then health on the next one.
            int grpcPort = FreePort.findConsecutive(2);
            DataPlaneProcess dataPlane = DataPlaneProcess.start(new DataPlaneProcess.Settings(jar, grpcPort,
                    "cell-1", postgres.jdbcUrl(DATABASE), postgres.reactiveUrl(DATABASE), postgres.username(),
                    postgres.password(), workDir.resolve("data-plane.log"), properties));
            CadenzaTarget target = new CadenzaTarget("127.0.0.1:" + dataPlane.grpcPort(), Optional.of(postgres),
                    Optional.of(dataPlane), Optional.of(workDir));
            target.kafka = Optional.ofNullable(kafka);
            // A benchmark stopped with Ctrl-C or kill must not leave its data plane and PostgreSQL running.
            Runtime.getRuntime().addShutdownHook(new Thread(target::close, "cadenza-bench-cleanup"));
            return target;
        } catch (IOException | RuntimeException e) {
            if (kafka != null) {
                kafka.close();
            }
            if (postgres != null) {
                postgres.close();
            }
            deleteRecursively(workDir);
            throw e;
        }
    }

    @Override
    public String name() {
        return BenchOptions.Target.CADENZA.label();
    }

    @Override
    public String address() {
        return address;
    }

    /**
     * Crashes the data plane this run started (SIGKILL) and starts it again on the same database and port, as the
     * crash tests do; returns how long it was gone.
     */
    java.time.Duration killAndRestartDataPlane() throws IOException {
        DataPlaneProcess running = dataPlane.orElseThrow(
                () -> new IllegalStateException("only a data plane this run started can be restarted"));
        long began = System.nanoTime();
        running.kill();
        dataPlane = Optional.of(DataPlaneProcess.start(running.settings()));
        return java.time.Duration.ofNanos(System.nanoTime() - began);
    }

    /** The data plane's HTTP address (inbox API), on the port after its gRPC port as a cell lays them out. */
    String inboxBase() {
        int colon = address.lastIndexOf(':');
        return "http://" + address.substring(0, colon) + ":" + (Integer.parseInt(address.substring(colon + 1)) + 1);
    }

    /** The log of the data plane this run started; empty for a Cadenza that was already running. */
    Optional<Path> dataPlaneLog() {
        return workDir.map(dir -> dir.resolve("data-plane.log"));
    }

    @Override
    public List<ProcessHandle> serverProcesses() {
        List<ProcessHandle> processes = new ArrayList<>();
        dataPlane.ifPresent(d -> processes.add(d.toHandle()));
        kafka.ifPresent(k -> processes.add(k.process().toHandle()));
        postgres.flatMap(p -> ProcessHandle.of(p.pid())).ifPresent(processes::add);
        return processes;
    }

    @Override
    public void close() {
        dataPlane.ifPresent(DataPlaneProcess::close);
        kafka.ifPresent(KafkaServer::close);
        postgres.ifPresent(PostgresServer::close);
        workDir.ifPresent(CadenzaTarget::deleteRecursively);
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + dir, e);
        }
    }
}
