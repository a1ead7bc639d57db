package io.cadenza.billing.testing;

import io.cadenza.devstack.PostgresServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * Real parts for billing's component tests, started once per test run: an embedded PostgreSQL with database
 * cadenza_billing, a single-node KRaft Kafka broker in this JVM with topic cadenza.usage (3 partitions, as devstack
 * creates it), and a stub of the control plane's internal API. Also configures a second consumer of the topic
 * (test channel {@code usage-replay}, its own group, from offset 0) that ingests every event again.
 */
public class BillingTestResources implements QuarkusTestResourceLifecycleManager {
    public static final String TOPIC = "cadenza.usage";
    private static volatile String bootstrapServers;

    private Path tempRoot;
    private PostgresServer postgres;
    private KafkaClusterTestKit kafka;
    private StubControlPlane controlPlane;

    public static String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public Map<String, String> start() {
        try {
            tempRoot = Files.createTempDirectory("cadenza-billing-test-");
            postgres = PostgresServer.start(tempRoot.resolve("pg"), 0);
            postgres.createDatabaseIfMissing("cadenza_billing");
            kafka = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder().setCombined(true)
                    .setNumBrokerNodes(1).setNumControllerNodes(1).build())
                    // one broker: the internal topics cannot have the default three replicas
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "3")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .build();
            kafka.format();
            kafka.startup();
            kafka.waitForReadyBrokers();
            bootstrapServers = kafka.bootstrapServers();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).all().get();
            }
            controlPlane = new StubControlPlane();
            Map<String, String> config = new HashMap<>();
            config.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl("cadenza_billing"));
            config.put("quarkus.datasource.reactive.url", postgres.reactiveUrl("cadenza_billing"));
            config.put("kafka.bootstrap.servers", bootstrapServers);
            config.put("cadenza.billing.control-plane.url", controlPlane.url());
            config.put("cadenza.billing.control-plane.token-url", controlPlane.url()
                    + "/realms/cadenza/protocol/openid-connect/token");
            config.put("cadenza.billing.invoices.close-every", "1h");
            String replay = "mp.messaging.incoming.usage-replay.";
            config.put(replay + "connector", "smallrye-kafka");
            config.put(replay + "topic", TOPIC);
            config.put(replay + "group.id", "billing-test-replay");
            config.put(replay + "batch", "true");
            config.put(replay + "auto.offset.reset", "earliest");
            config.put(replay + "enable.auto.commit", "false");
            config.put(replay + "commit-strategy", "throttled");
            config.put(replay + "throttled.unprocessed-record-max-age.ms", "0");
            config.put(replay + "key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
            config.put(replay + "value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
            return config;
        } catch (Exception e) {
            throw new IllegalStateException("could not start PostgreSQL, Kafka and the stub control plane", e);
        }
    }

    @Override
    public void stop() {
        try {
            if (controlPlane != null) {
                controlPlane.close();
            }
            if (kafka != null) {
                kafka.close();
            }
            if (postgres != null) {
                postgres.close();
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the test services", e);
        } finally {
            deleteQuietly(tempRoot);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp directory is harmless
        }
    }
}
