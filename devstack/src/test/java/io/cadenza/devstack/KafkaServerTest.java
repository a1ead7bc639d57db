package io.cadenza.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dev stack's broker, as a real process from the copied jars (devstack/target/kafka-libs). */
class KafkaServerTest {

    @TempDir
    Path tmp;

    @Test
    void servesTheUsageTopicAndKeepsAcknowledgedRecordsAcrossACrash() throws Exception {
        // given a broker on a fresh data directory
        KafkaServer.Settings settings = new KafkaServer.Settings(Path.of("target", "kafka-libs"), tmp.resolve("kafka"),
                FreePort.findConsecutive(2), tmp.resolve("kafka.log"));
        KafkaServer broker = KafkaServer.start(settings, p -> { });
        try {
            // then the usage topic exists with its partitions
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    broker.bootstrapServers()))) {
                var topic = admin.describeTopics(List.of(KafkaServer.USAGE_TOPIC)).allTopicNames().get()
                        .get(KafkaServer.USAGE_TOPIC);
                assertThat(topic.partitions()).hasSize(KafkaServer.USAGE_PARTITIONS);
            }

            // when a record is acknowledged (acks=all) and the broker is killed with SIGKILL and started again
            String value = "survives-" + UUID.randomUUID();
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(broker))) {
                producer.send(new ProducerRecord<>(KafkaServer.USAGE_TOPIC, "ns", value)).get();
            }
            broker.kill();
            broker = KafkaServer.start(settings, p -> { });

            // then a consumer reading from the start finds it
            assertThat(consumeAll(broker)).contains(value);
        } finally {
            broker.close();
        }
        assertThat(broker.process().isAlive()).isFalse();
    }

    private static Properties producerConfig(KafkaServer broker) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return p;
    }

    private static List<String> consumeAll(KafkaServer broker) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int i = 0; i < KafkaServer.USAGE_PARTITIONS; i++) {
                partitions.add(new TopicPartition(KafkaServer.USAGE_TOPIC, i));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    values.add(r.value());
                }
            }
        }
        return values;
    }
}
