package io.cadenza.devstack;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole hosted Cadenza on one machine: embedded PostgreSQL, a Kafka broker, Keycloak, two data-plane cells, the
 * control plane, billing and the tenant gateway, each a separate process, all state under one data directory.
 * {@code ./cadenza dev} runs it in the foreground; the system tests start it once per build. See docs/tenancy.md for
 * how the parts talk.
 */
public final class CadenzaTopology {

    public static final String CONTROL_DATABASE = "cadenza_control";
    public static final String BILLING_DATABASE = "cadenza_billing";
    public static final List<String> CELL_IDS = List.of("cell-1", "cell-2");

    /**
     * Where things are.
     *
     * @param home             the repository root (jars are found under it)
     * @param dataDir          all state and logs
     * @param ports            the ports to listen on, all on 127.0.0.1
     * @param devMode          unauthenticated calls may use namespace {@code default} (loopback only), and the control
     *                         plane bootstraps the dev account, namespace and API key
     */
    public record Settings(Path home, Path dataDir, Ports ports, boolean devMode, int cellInstances) {
        public Settings {
            Objects.requireNonNull(home, "home");
            Objects.requireNonNull(dataDir, "dataDir");
            Objects.requireNonNull(ports, "ports");
            if (cellInstances < 1) {
                throw new IllegalArgumentException("a cell has at least one instance, not " + cellInstances);
            }
        }

        /** One data-plane instance per cell. */
        public Settings(Path home, Path dataDir, Ports ports, boolean devMode) {
            this(home, dataDir, ports, devMode, 1);
        }
    }

    /**
     * Every listening port. Each cell also uses the port after its gRPC port for health, and Kafka the port after
     * {@code kafka} for its controller.
     */
    public record Ports(int gatewayGrpc, int gatewayHttp, int keycloak, int controlPlane, int postgres,
                        List<Integer> cellGrpc, int dashboard, int kafka, int billing) {
        public Ports {
            cellGrpc = List.copyOf(cellGrpc);
            if (cellGrpc.size() != CELL_IDS.size()) {
                throw new IllegalArgumentException("one gRPC port per cell: " + CELL_IDS);
            }
        }

        /** The dev default (docs/tenancy.md). */
        public static Ports devDefaults(int gatewayGrpc, int postgres) {
            return new Ports(gatewayGrpc, 7243, 8180, 7250, postgres, List.of(7301, 7311), 8233, 9092, 7270);
        }

        /** Free ports, for tests that must not collide with a running dev stack. */
        public static Ports free() {
            return free(1);
        }

        /** Free ports for cells of {@code cellInstances} instances (two consecutive ports each). */
        public static Ports free(int cellInstances) {
            return new Ports(FreePort.find(), FreePort.find(), FreePort.find(), FreePort.find(), FreePort.find(),
                    List.of(FreePort.findConsecutive(2 * cellInstances), FreePort.findConsecutive(2 * cellInstances)),
                    FreePort.find(), FreePort.findConsecutive(2), FreePort.find());
        }
    }

    static final String DATA_PLANE_JAR = "data-plane/target/quarkus-app/quarkus-run.jar";
    static final String CONTROL_PLANE_JAR = "control-plane/target/quarkus-app/quarkus-run.jar";
    static final String GATEWAY_JAR = "tenant-gateway/target/quarkus-app/quarkus-run.jar";
    static final String DASHBOARD_JAR = "dashboard/target/quarkus-app/quarkus-run.jar";
    static final String KAFKA_LIBS = "devstack/target/kafka-libs";
    static final String BILLING_JAR = "billing/target/quarkus-app/quarkus-run.jar";
    static final String KEYCLOAK_ZIP = "devstack/target/keycloak/keycloak-quarkus-dist-" + KeycloakServer.VERSION
            + ".zip";

    private final Settings settings;
    private final String internalToken;
    private final Path devApiKeyFile;
    private final DevStack stack;
    private KafkaService kafka;

    private CadenzaTopology(Settings settings) throws IOException {
        this.settings = settings;
        Files.createDirectories(settings.dataDir());
        this.internalToken = secret(settings.dataDir().resolve("run").resolve("internal-token"));
        this.devApiKeyFile = settings.dataDir().resolve("dev-api-key");
        this.stack = new DevStack(settings.dataDir(), services());
    }

    /** Lays out the stack; nothing runs until {@link #start}. */
    public static CadenzaTopology create(Settings settings) throws IOException {
        return new CadenzaTopology(settings);
    }

    /** The jars and distribution the stack runs, relative to the repository root. */
    public static List<String> requiredArtifacts() {
        return List.of(DATA_PLANE_JAR, CONTROL_PLANE_JAR, GATEWAY_JAR, DASHBOARD_JAR, BILLING_JAR, KEYCLOAK_ZIP,
                KAFKA_LIBS + "/kafka_2.13-" + KafkaServer.VERSION + ".jar");
    }

    private List<DevService> services() {
        Path data = settings.dataDir();
        Path home = settings.home();
        Ports ports = settings.ports();
        Path logs = DevStack.logDir(data);
        List<String> databases = new ArrayList<>(List.of(KeycloakService.DATABASE, CONTROL_DATABASE,
                BILLING_DATABASE));
        for (String cell : CELL_IDS) {
            databases.add(cellDatabase(cell));
        }
        PostgresService postgres = new PostgresService(data.resolve("postgres"), ports.postgres(),
                logs.resolve("postgres.log"), databases);
        KeycloakService keycloak = new KeycloakService(home.resolve(KEYCLOAK_ZIP), data.resolve("keycloak"),
                ports.keycloak(), postgres, "admin", logs.resolve("keycloak.log"), dashboardUrl());
        kafka = new KafkaService(new KafkaServer.Settings(home.resolve(KAFKA_LIBS), data.resolve("kafka"),
                ports.kafka(), logs.resolve("kafka.log")));
        List<DevService> services = new ArrayList<>(List.of(postgres, kafka, keycloak));
        for (int i = 0; i < CELL_IDS.size(); i++) {
            String cell = CELL_IDS.get(i);
            for (int k = 0; k < settings.cellInstances(); k++) {
                int port = instancePort(i, k);
                String name = instanceName(cell, k);
                Map<String, String> props = new LinkedHashMap<>();
                props.put("cadenza.internal-token", internalToken);
                // Usage metering: cells relay their usage outbox to the broker (docs/usage-events.md).
                props.put("kafka.bootstrap.servers", kafkaBootstrapServers());
                // The dev default's "default" namespace lives on the first cell, like `temporal server start-dev`'s.
                props.put("cadenza.bootstrap-namespaces", settings.devMode() && i == 0 ? "default" : "");
                services.add(new DataPlaneService(name, cell, home.resolve(DATA_PLANE_JAR), port, postgres,
                        cellDatabase(cell), logs.resolve(name + ".log"), props,
                        List.of(String.format("Cell %-19s 127.0.0.1:%d (internal; tenants go through the gateway)",
                                name, port))));
            }
        }
        services.add(controlPlane(postgres, logs));
        services.add(billing(postgres, logs));
        services.add(gateway(logs));
        services.add(dashboard(logs));
        return services;
    }

    private JavaAppService dashboard(Path logs) {
        Ports ports = settings.ports();
        return new JavaAppService("dashboard", settings.home().resolve(DASHBOARD_JAR), "512m", () -> {
            Map<String, String> p = new LinkedHashMap<>();
            p.put("cadenza.dashboard.port", Integer.toString(ports.dashboard()));
            p.put("cadenza.keycloak.url", keycloakUrl());
            p.put("cadenza.dashboard.gateway-grpc-target", gatewayGrpcTarget());
            p.put("cadenza.dashboard.gateway-url", gatewayHttpUrl());
            p.put("cadenza.dashboard.data-dir", settings.dataDir().resolve("dashboard").toString());
            return p;
        }, Map::of, URI.create(dashboardUrl() + "/q/health/ready"), List.of(ports.dashboard()),
                logs.resolve("dashboard.log"),
                List.of(String.format("Dashboard               %s  (log in with a Cadenza user%s)", dashboardUrl(),
                        settings.devMode() ? ", e.g. dev@cadenza.local / cadenza-dev-password" : "")));
    }

    private JavaAppService controlPlane(PostgresService postgres, Path logs) {
        Ports ports = settings.ports();
        return new JavaAppService("control-plane", settings.home().resolve(CONTROL_PLANE_JAR), "512m", () -> {
            PostgresServer db = postgres.server();
            Map<String, String> p = new LinkedHashMap<>();
            p.put("cadenza.http.port", Integer.toString(ports.controlPlane()));
            p.put("quarkus.datasource.jdbc.url", db.jdbcUrl(CONTROL_DATABASE));
            p.put("quarkus.datasource.reactive.url", db.reactiveUrl(CONTROL_DATABASE));
            p.put("quarkus.datasource.username", db.username());
            p.put("cadenza.keycloak.url", keycloakUrl());
            p.put("cadenza.public-grpc-endpoint", "127.0.0.1:" + ports.gatewayGrpc());
            for (int i = 0; i < CELL_IDS.size(); i++) {
                p.put("cadenza.cells.\"" + CELL_IDS.get(i) + "\".grpc-endpoint", cellEndpoint(i));
            }
            p.put("cadenza.dev.bootstrap", Boolean.toString(settings.devMode()));
            p.put("cadenza.dev.api-key-file", devApiKeyFile.toString());
            return p;
        }, () -> Map.of("QUARKUS_DATASOURCE_PASSWORD", postgres.server().password(),
                "CADENZA_INTERNAL_TOKEN", internalToken),
                URI.create("http://127.0.0.1:" + ports.controlPlane() + "/q/health/ready"),
                List.of(ports.controlPlane()), logs.resolve("control-plane.log"),
                List.of(String.format("Control plane (direct)  http://127.0.0.1:%d/api/v1  (OpenAPI: /q/openapi, "
                        + "Swagger UI: /q/swagger-ui)", ports.controlPlane())));
    }

    private JavaAppService billing(PostgresService postgres, Path logs) {
        Ports ports = settings.ports();
        return new JavaAppService("billing", settings.home().resolve(BILLING_JAR), "384m", () -> {
            PostgresServer db = postgres.server();
            Map<String, String> p = new LinkedHashMap<>();
            p.put("cadenza.http.port", Integer.toString(ports.billing()));
            p.put("quarkus.datasource.jdbc.url", db.jdbcUrl(BILLING_DATABASE));
            p.put("quarkus.datasource.reactive.url", db.reactiveUrl(BILLING_DATABASE));
            p.put("quarkus.datasource.username", db.username());
            p.put("cadenza.keycloak.url", keycloakUrl());
            p.put("cadenza.billing.control-plane.url", controlPlaneUrl());
            p.put("kafka.bootstrap.servers", kafkaBootstrapServers());
            return p;
        }, () -> Map.of("QUARKUS_DATASOURCE_PASSWORD", postgres.server().password()),
                URI.create(billingUrl() + "/q/health/ready"), List.of(ports.billing()), logs.resolve("billing.log"),
                List.of(String.format("Billing (direct)        %s/api/v1/usage  (OpenAPI: /q/openapi)",
                        billingUrl())));
    }

    private JavaAppService gateway(Path logs) {
        Ports ports = settings.ports();
        return new JavaAppService("gateway", settings.home().resolve(GATEWAY_JAR), "512m", () -> {
            Map<String, String> p = new LinkedHashMap<>();
            p.put("cadenza.gateway.grpc-port", Integer.toString(ports.gatewayGrpc()));
            p.put("cadenza.gateway.http-port", Integer.toString(ports.gatewayHttp()));
            p.put("cadenza.gateway.control-plane-url", "http://127.0.0.1:" + ports.controlPlane());
            p.put("cadenza.gateway.billing-url", billingUrl());
            p.put("cadenza.keycloak.url", keycloakUrl());
            p.put("cadenza.gateway.dev-mode", Boolean.toString(settings.devMode()));
            return p;
        }, () -> Map.of("CADENZA_INTERNAL_TOKEN", internalToken),
                URI.create("http://127.0.0.1:" + ports.gatewayHttp() + "/q/health/ready"),
                List.of(ports.gatewayGrpc(), ports.gatewayHttp()), logs.resolve("gateway.log"),
                List.of(String.format("Temporal gRPC endpoint  127.0.0.1:%d  (through the gateway%s)",
                                ports.gatewayGrpc(), settings.devMode()
                                        ? "; namespace default works without a key" : ""),
                        String.format("REST API                http://127.0.0.1:%d/api/v1", ports.gatewayHttp())));
    }

    /** Instance {@code k} of cell {@code i} listens on the cell's base port + 2k (health on the port after). */
    private int instancePort(int cell, int k) {
        return settings.ports().cellGrpc().get(cell) + 2 * k;
    }

    /** The first instance of a cell is named like the cell; the others {@code <cell>-i<n>}. */
    static String instanceName(String cellId, int k) {
        return k == 0 ? cellId : cellId + "-i" + (k + 1);
    }

    /** The cell as the control plane and gateway know it: its instances' addresses, comma separated. */
    private String cellEndpoint(int cell) {
        List<String> out = new ArrayList<>();
        for (int k = 0; k < settings.cellInstances(); k++) {
            out.add("127.0.0.1:" + instancePort(cell, k));
        }
        return String.join(",", out);
    }

    /** The database of a cell ({@code cadenza_cell1} for {@code cell-1}). */
    public static String cellDatabase(String cellId) {
        return "cadenza_" + cellId.replace("-", "");
    }

    /** Reads the secret in {@code file}, creating it (owner-only) on first use. */
    private static String secret(Path file) throws IOException {
        if (Files.isRegularFile(file)) {
            String existing = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (!existing.isEmpty()) {
                return existing;
            }
        }
        Files.createDirectories(file.getParent());
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Files.writeString(file, token, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return token;
    }

    /** Takes the data directory's lock, stops leftovers of a killed run, and starts every service in order. */
    public void start(PrintStream out) throws IOException {
        Optional<String> holder = stack.lock();
        if (holder.isPresent()) {
            throw new IOException("another Cadenza stack (pid " + holder.get() + ") is running on "
                    + settings.dataDir() + ". Stop it first, or use another data directory.");
        }
        for (String leftover : stack.stopLeftovers()) {
            out.println("Stopped " + leftover + ", left running by a previous run");
        }
        stack.start(out);
    }

    /** Stops every service in reverse order. Idempotent. */
    public void stop(PrintStream out) {
        stack.stop(out);
    }

    DevStack stack() {
        return stack;
    }

    public Settings settings() {
        return settings;
    }

    /** {@code 127.0.0.1:PORT} of the stack's Kafka broker. */
    public String kafkaBootstrapServers() {
        return "127.0.0.1:" + settings.ports().kafka();
    }

    /**
     * Stops the Kafka broker (SIGKILL when {@code crash}, else a clean shutdown) and starts it again on the same
     * state and port; returns once it serves again. For tests of a broker restart.
     */
    public void restartKafka(boolean crash) throws IOException {
        kafka.restart(crash);
    }

    /** Stops the Kafka broker until {@link #restartKafka} (a broker outage, for tests). */
    /**
     * SIGKILLs a cell ({@code cell-1}, {@code cell-2}) or a Java service ({@code control-plane}, {@code billing},
     * {@code gateway}, {@code dashboard}) and starts it again on the same state and ports, returning once it is
     * ready: crash recovery across the whole system, for tests.
     */
    public void crashAndRestart(String service) throws IOException {
        stack.crashAndRestart(service);
    }

    public void stopKafka() {
        kafka.stopForNow();
    }

    public String keycloakUrl() {
        return "http://127.0.0.1:" + settings.ports().keycloak();
    }

    public String gatewayGrpcTarget() {
        return "127.0.0.1:" + settings.ports().gatewayGrpc();
    }

    public String gatewayHttpUrl() {
        return "http://127.0.0.1:" + settings.ports().gatewayHttp();
    }

    public String dashboardUrl() {
        return "http://127.0.0.1:" + settings.ports().dashboard();
    }

    public String billingUrl() {
        return "http://127.0.0.1:" + settings.ports().billing();
    }

    public String controlPlaneUrl() {
        return "http://127.0.0.1:" + settings.ports().controlPlane();
    }

    /** The gRPC target of a cell, for tests that check where a namespace's workflows live. */
    public String cellGrpcTarget(String cellId) {
        return "127.0.0.1:" + settings.ports().cellGrpc().get(CELL_IDS.indexOf(cellId));
    }

    /** The secret cells require from internal callers. */
    public String internalToken() {
        return internalToken;
    }

    /** The dev API key for namespace {@code default}, once the control plane wrote it (dev mode only). */
    public Optional<String> devApiKey() throws IOException {
        return Files.isRegularFile(devApiKeyFile)
                ? Optional.of(Files.readString(devApiKeyFile, StandardCharsets.UTF_8).trim())
                : Optional.empty();
    }

    /**
     * The OS process of each running service, by service name ({@code postgres}, {@code kafka}, {@code keycloak},
     * {@code control-plane}, {@code cell-1}, {@code gateway}, ...), as the stack recorded them: for harnesses that
     * report CPU and memory per process. A service that is not running is absent.
     */
    public java.util.Map<String, ProcessHandle> serviceProcesses() throws IOException {
        java.util.Map<String, ProcessHandle> processes = new java.util.TreeMap<>();
        StalePostmaster.readPid(settings.dataDir().resolve("postgres").resolve("postmaster.pid"))
                .ifPresent(pid -> ProcessHandle.of(pid).ifPresent(p -> processes.put("postgres", p)));
        Path run = DevStack.runDir(settings.dataDir());
        if (Files.isDirectory(run)) {
            try (var files = Files.newDirectoryStream(run, "*.pid")) {
                for (Path file : files) {
                    String name = file.getFileName().toString().replaceFirst("\\.pid$", "");
                    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                    if (!lines.isEmpty() && lines.get(0).trim().matches("\\d+")) {
                        ProcessHandle.of(Long.parseLong(lines.get(0).trim())).filter(ProcessHandle::isAlive)
                                .ifPresent(p -> processes.put(name, p));
                    }
                }
            }
        }
        return processes;
    }

    /** A JDBC URL of the stack's PostgreSQL for {@code database} (user and password: {@code postgres}). */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + settings.ports().postgres() + "/" + database;
    }
}
