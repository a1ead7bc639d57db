package io.cadenza.devstack;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one process) from its Maven Central jars
 * ({@code org.apache.kafka:kafka_2.13}, copied with their dependencies to {@code devstack/target/kafka-libs} by the
 * build), run as a separate process on 127.0.0.1 with its state in {@link Settings#dataDir()}. The storage is
 * formatted on the first start only, so topics and offsets survive restarts; the topics the stack needs are created
 * at every start unless they exist.
 */
public final class KafkaServer implements AutoCloseable {

    /** The usage events cells publish and billing consumes (docs/usage-events.md). */
    public static final String USAGE_TOPIC = "cadenza.usage";
    public static final int USAGE_PARTITIONS = 3;
    /** The version of {@code kafka_2.13} the build copies (the Quarkus BOM's). */
    public static final String VERSION = "4.1.2";
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);

    /**
     * @param libDir  the broker's classpath: a directory of jars ({@code devstack/target/kafka-libs})
     * @param dataDir the broker's state (configuration, cluster id, logs of its topics)
     * @param port    the client listener on 127.0.0.1; the controller listens on the next port
     * @param logFile where its output is appended
     */
    public record Settings(Path libDir, Path dataDir, int port, Path logFile) {
        public Settings {
            Objects.requireNonNull(libDir, "libDir");
            Objects.requireNonNull(dataDir, "dataDir");
            Objects.requireNonNull(logFile, "logFile");
        }
    }

    private final ManagedProcess process;
    private final Settings settings;

    private KafkaServer(ManagedProcess process, Settings settings) {
        this.process = process;
        this.settings = settings;
    }

    /** Formats the storage if it is new, starts the broker, and returns once it serves and the topics exist. */
    public static KafkaServer start(Settings settings, Consumer<ProcessHandle> onSpawn) throws IOException {
        if (!Files.isRegularFile(settings.libDir().resolve("kafka_2.13-" + VERSION + ".jar"))) {
            throw new IOException("Kafka broker jars not found in " + settings.libDir()
                    + " (they are copied there by ./mvnw package -pl devstack)");
        }
        Path dir = settings.dataDir().toAbsolutePath();
        Files.createDirectories(dir);
        Path config = dir.resolve("server.properties");
        Files.writeString(config, serverProperties(dir.resolve("logs"), settings.port()), StandardCharsets.UTF_8);
        if (!Files.exists(dir.resolve("logs").resolve("meta.properties"))) {
            format(settings, config, clusterId(dir));
        }
        ManagedProcess.Settings processSettings = new ManagedProcess.Settings("kafka",
                java(settings, "-Xms64m", "-Xmx512m", "kafka.Kafka", config.toString()), Map.of(), dir,
                URI.create("kafka://127.0.0.1:" + settings.port()), READY_TIMEOUT, settings.logFile(),
                List.of(settings.port(), settings.port() + 1));
        // Listening first (an Admin client polling a port nobody listens on spins and floods the log), then the
        // topic, which succeeds only once the broker serves.
        ManagedProcess started = ManagedProcess.start(processSettings, () -> FreePort.isListening(settings.port()),
                onSpawn);
        try (Admin admin = admin(settings.port())) {
            createTopic(admin, USAGE_TOPIC, USAGE_PARTITIONS);
        } catch (IOException | RuntimeException e) {
            started.kill();
            throw e;
        }
        return new KafkaServer(started, settings);
    }

    static String serverProperties(Path logDir, int port) {
        int controller = port + 1;
        return String.join("\n",
                "# Written by the Cadenza dev stack at every start; edits are overwritten.",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.bootstrap.servers=127.0.0.1:" + controller,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controller,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + logDir,
                "num.partitions=" + USAGE_PARTITIONS,
                // One node: every internal topic has one replica.
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                // Topics are created on purpose (below), never by a typo in a client.
                "auto.create.topics.enable=false",
                "group.initial.rebalance.delay.ms=0",
                // A dev and test broker takes little traffic: few threads, so it idles cheaply beside the services
                "num.network.threads=1",
                "num.io.threads=2",
                "background.threads=2",
                "log.cleaner.threads=1",
                "");
    }

    /** The cluster id, created on first use (Kafka's format: 16 random bytes, URL-safe base64 without padding). */
    private static String clusterId(Path dir) throws IOException {
        Path file = dir.resolve("cluster-id");
        if (Files.isRegularFile(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        }
        UUID uuid = UUID.randomUUID();
        ByteBuffer bytes = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits());
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
        Files.writeString(file, id, StandardCharsets.UTF_8);
        return id;
    }

    private static void format(Settings settings, Path config, String clusterId) throws IOException {
        Files.createDirectories(settings.logFile().toAbsolutePath().getParent());
        Process format = new ProcessBuilder(java(settings, "-Xmx256m", "kafka.tools.StorageTool", "format",
                "-t", clusterId, "-c", config.toString(), "--standalone", "--ignore-formatted"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(settings.logFile().toFile()))
                .start();
        try {
            if (!format.waitFor(2, TimeUnit.MINUTES)) {
                format.destroyForcibly();
                throw new IOException("formatting Kafka storage did not finish; see " + settings.logFile());
            }
            if (format.exitValue() != 0) {
                throw new IOException("formatting Kafka storage failed (exit " + format.exitValue() + "); last lines of "
                        + settings.logFile() + ":\n" + LogTail.lastLines(settings.logFile(), 0, 30));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while formatting Kafka storage", e);
        }
    }

    private static List<String> java(Settings settings, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(ManagedProcess.javaExecutable(),
                "-XX:+ExitOnOutOfMemoryError",
                // A dev and test broker: a small heap, so the serial collector (no concurrent GC threads idling)
                "-XX:+UseSerialGC",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-Dorg.slf4j.simpleLogger.log.kafka.server.KafkaRaftServer=info",
                "-cp", settings.libDir().toAbsolutePath() + "/*"));
        command.addAll(List.of(args));
        return command;
    }

    private static Admin admin(int port) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        p.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
        return Admin.create(p);
    }

    private static void createTopic(Admin admin, String topic, int partitions) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(10, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException e) {
                if (e.getCause() instanceof TopicExistsException) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("creating Kafka topic " + topic + " failed: " + e.getCause(), e);
                }
            } catch (TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("creating Kafka topic " + topic + " timed out", e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while creating Kafka topic " + topic, e);
            }
        }
    }

    /** {@code 127.0.0.1:PORT}, for {@code kafka.bootstrap.servers}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + settings.port();
    }

    public Settings settings() {
        return settings;
    }

    public ManagedProcess process() {
        return process;
    }

    /** SIGKILL, like a crash. */
    public void kill() {
        process.kill();
    }

    /** SIGTERM (Kafka shuts down cleanly), then SIGKILL after a grace period. */
    @Override
    public void close() {
        process.close();
    }
}
