package io.cadenza.billing.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishing usage events as a cell does, and polling with a deadline. */
public final class Usage implements AutoCloseable {
    private final KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BillingTestResources.bootstrapServers(),
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true"),
            new StringSerializer(), new StringSerializer());

    public static String actions(String id, String namespace, String action, long quantity, Instant at) {
        return "{\"id\":\"" + id + "\",\"namespaceId\":\"" + namespace + "\",\"cellId\":\"cell-1\","
                + "\"type\":\"ACTIONS\",\"action\":\"" + action + "\",\"quantity\":" + quantity
                + ",\"occurredAt\":\"" + at + "\"}";
    }

    public static String storage(String id, String namespace, String type, long byteHours, Instant hour) {
        return "{\"id\":\"" + id + "\",\"namespaceId\":\"" + namespace + "\",\"cellId\":\"cell-1\","
                + "\"type\":\"" + type + "\",\"quantity\":" + byteHours + ",\"occurredAt\":\"" + hour + "\"}";
    }

    public void publish(String namespace, String json) {
        try {
            producer.send(new ProducerRecord<>(BillingTestResources.TOPIC, namespace, json)).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish", e);
        }
    }

    public static void await(String what, BooleanSupplier condition) {
        await(what, Duration.ofSeconds(60), condition);
    }

    public static void await(String what, Duration timeout, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
