package io.cadenza.dataplane.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cadenza.dataplane.testing.Poll;
import io.cadenza.dataplane.testing.SdkTestSupport;
import io.cadenza.devstack.DataPlaneProcess;
import io.cadenza.devstack.FreePort;
import io.cadenza.devstack.KafkaServer;
import io.cadenza.devstack.PostgresServer;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Usage metering end to end on real processes: a data-plane cell (the packaged jar, metering on), its PostgreSQL and
 * the dev stack's Kafka broker. Billed actions are read where billing reads them, from topic {@code cadenza.usage},
 * and compared with a count computed independently from the runs' histories by the definition in billing/README.md.
 * Events are deduplicated by id, as billing does: a cell killed between the broker's acknowledgement and the delete
 * of a row publishes it again.
 */
class MeteringIT {

    private static final String DATABASE = "cadenza_metering";
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    private static Path tempDir;
    private static PostgresServer postgres;
    private static KafkaServer kafka;
    private static KafkaServer.Settings kafkaSettings;
    private static DataPlaneProcess cell;
    private static DataPlaneProcess.Settings cellSettings;
    private static WorkflowServiceStubs service;
    private static WorkflowClient client;
    private static WorkerFactory factory;
    private static String taskQueue;

    @BeforeAll
    static void startCellWithKafka() throws Exception {
        tempDir = Files.createTempDirectory("cadenza-metering-it-");
        Path logs = Path.of("target", "metering-it").toAbsolutePath();
        postgres = PostgresServer.start(tempDir.resolve("pg"), 0);
        postgres.createDatabaseIfMissing(DATABASE);
        kafkaSettings = new KafkaServer.Settings(Path.of("..", "devstack", "target", "kafka-libs"),
                tempDir.resolve("kafka"), FreePort.findConsecutive(2), logs.resolve("kafka.log"));
        kafka = KafkaServer.start(kafkaSettings, p -> { });
        int grpcPort = FreePort.findConsecutive(2);
        cellSettings = new DataPlaneProcess.Settings(dataPlaneJar(), grpcPort, "metering-cell",
                postgres.jdbcUrl(DATABASE), postgres.reactiveUrl(DATABASE), postgres.username(), postgres.password(),
                logs.resolve("data-plane.log"),
                Map.of("kafka.bootstrap.servers", kafka.bootstrapServers(),
                        "cadenza.metering.relay-idle-millis", "200"));
        cell = DataPlaneProcess.start(cellSettings);
        service = SdkTestSupport.newServiceStubs("127.0.0.1:" + grpcPort);
        client = SdkTestSupport.newClient(service);
        taskQueue = "metering-" + UUID.randomUUID();
        factory = WorkerFactory.newInstance(client);
        Worker worker = factory.newWorker(taskQueue);
        worker.registerWorkflowImplementationTypes(MeteringWorkload.OrderWorkflowImpl.class,
                MeteringWorkload.PackWorkflowImpl.class, MeteringWorkload.GreetingWorkflowImpl.class);
        worker.registerActivitiesImplementations(new MeteringWorkload.StepsImpl());
        factory.start();
    }

    @AfterAll
    static void stopAll() throws Exception {
        if (factory != null) {
            factory.shutdownNow();
            factory.awaitTermination(10, TimeUnit.SECONDS);
        }
        if (service != null) {
            service.shutdownNow();
        }
        if (cell != null) {
            cell.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void billedActionsEqualTheCountFromTheHistories() throws Exception {
        // given a workload with a known mix, under workflow ids unique to this test
        String tag = "mix-" + UUID.randomUUID();
        MeteringWorkload.OrderWorkflow order = client.newWorkflowStub(MeteringWorkload.OrderWorkflow.class,
                WorkflowOptions.newBuilder().setTaskQueue(taskQueue).setWorkflowId(tag + "-order").build());
        WorkflowExecution first = WorkflowClient.start(order::run, 0);

        // when it runs: a query (answered by the worker), a signal, then the cell is killed (SIGKILL) and restarted,
        // then a rejected and an accepted update
        assertThat(order.items()).isZero();
        // (the flaky activity's failed first attempt and its retry are committed before the kill: a kill during the
        // first attempt would have it handed out again as attempt 1 after the restart, one start, no retry)
        Poll.until(DEADLINE, () -> client.fetchHistory(first.getWorkflowId(), first.getRunId()).getEvents().stream()
                .anyMatch(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED),
                "the flaky activity to complete on its retry");
        order.go();
        cell.kill();
        cell = DataPlaneProcess.start(cellSettings);
        WorkflowUpdateException rejected = catchThrowableOfType(WorkflowUpdateException.class,
                () -> order.add(" "));
        assertThat(rejected).as("the blank item is rejected by the validator").isNotNull();
        assertThat(order.add("book")).isEqualTo(1);
        assertThat(WorkflowStub.fromTyped(order).getResult(60, TimeUnit.SECONDS, String.class))
                .startsWith("continued");
        // ... and a workflow started by signal-with-start
        WorkflowStub greeting = client.newUntypedWorkflowStub("GreetingWorkflow",
                WorkflowOptions.newBuilder().setTaskQueue(taskQueue).setWorkflowId(tag + "-greeting").build());
        WorkflowExecution greetingRun = greeting.signalWithStart("greet", new Object[]{"ada"}, new Object[]{});
        assertThat(greeting.getResult(30, TimeUnit.SECONDS, String.class)).isEqualTo("hello ada");

        // then the actions on the topic equal the count from the histories, plus what history does not show
        List<List<HistoryEvent>> histories = histories(first, greetingRun);
        Map<String, Long> expected = countFromHistories(histories);
        expected.merge(Actions.UPDATE, 1L, Long::sum); // the rejected update
        expected.merge(Actions.QUERY, 1L, Long::sum);  // the answered query
        assertThat(expected).containsEntry(Actions.WORKFLOW_STARTED, 5L) // 2 order runs, child (+1), greeting
                .containsEntry(Actions.ACTIVITY_STARTED, 3L)               // flaky, its retry, the child's step
                .containsEntry(Actions.SIGNAL, 1L);                        // signal-with-start counts as its start
        Map<String, Long> billed = Poll.untilValue(DEADLINE, () -> {
            Map<String, Long> now = byAction(consumeEvents(tag));
            return now.equals(expected) ? now : null;
        }, () -> "billed actions " + byAction(consumeEvents(tag)) + " to equal " + expected);
        assertThat(billed).isEqualTo(expected);
        // ... and the outbox rows are gone once the broker has them
        Poll.until(DEADLINE, () -> outboxRows(tag).isEmpty(), "the relay to empty the outbox");
        // ... and storage: the restarted cell sampled this hour, the open order run being active storage
        JsonObject active = Poll.untilValue(DEADLINE, () -> consumeAll().stream()
                .filter(e -> e.getString("id").startsWith("st:metering-cell/default/")
                        && UsageRecord.ACTIVE_STORAGE.equals(e.getString("type")))
                .findFirst().orElse(null), "an active-storage sample of namespace default");
        assertThat(active.getLong("quantity")).as("byte-hours of open histories").isPositive();
    }

    @Test
    void rowsStayInTheOutboxWhileTheBrokerIsDownAndArePublishedWhenItIsBack() throws Exception {
        // given the broker is down
        kafka.close();
        String tag = "outage-" + UUID.randomUUID();
        List<String> waiting;
        try {
            // when a workflow runs and completes (a start, a signal-with-start)
            WorkflowStub greeting = client.newUntypedWorkflowStub("GreetingWorkflow",
                    WorkflowOptions.newBuilder().setTaskQueue(taskQueue).setWorkflowId(tag + "-greeting").build());
            greeting.signalWithStart("greet", new Object[]{"grace"}, new Object[]{});
            assertThat(greeting.getResult(30, TimeUnit.SECONDS, String.class)).isEqualTo("hello grace");

            // then its usage waits in the outbox (the relay has been trying all along)
            waiting = outboxRows(tag);
            assertThat(waiting).as("usage rows of %s while the broker is down", tag).isNotEmpty();
        } finally {
            kafka = KafkaServer.start(kafkaSettings, p -> { });
        }

        // and when the broker is back, every row is published and only then deleted
        Poll.until(DEADLINE, () -> outboxRows(tag).isEmpty(), "the relay to publish the rows after the outage");
        List<String> published = consumeEvents(tag).stream().map(e -> e.getString("id")).toList();
        assertThat(published).containsAll(waiting);
    }

    // ---- the independent count ----

    /**
     * The definition in billing/README.md applied to histories: starts (incl. children's initiation), activity
     * schedules and retries (attempt of the recorded ActivityTaskStarted - 1), timers, signals (not the one a
     * signal-with-start writes as event 2), accepted updates, and one per workflow task with local activity markers.
     */
    static Map<String, Long> countFromHistories(List<List<HistoryEvent>> histories) {
        Map<String, Long> count = new TreeMap<>();
        for (List<HistoryEvent> history : histories) {
            java.util.Set<Long> tasksWithLocalActivities = new java.util.HashSet<>();
            for (HistoryEvent e : history) {
                switch (e.getEventType()) {
                    case EVENT_TYPE_WORKFLOW_EXECUTION_STARTED, EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED ->
                            count.merge(Actions.WORKFLOW_STARTED, 1L, Long::sum);
                    case EVENT_TYPE_ACTIVITY_TASK_SCHEDULED -> count.merge(Actions.ACTIVITY_STARTED, 1L, Long::sum);
                    case EVENT_TYPE_ACTIVITY_TASK_STARTED -> {
                        int retries = e.getActivityTaskStartedEventAttributes().getAttempt() - 1;
                        if (retries > 0) {
                            count.merge(Actions.ACTIVITY_STARTED, (long) retries, Long::sum);
                        }
                    }
                    case EVENT_TYPE_TIMER_STARTED -> count.merge(Actions.TIMER_STARTED, 1L, Long::sum);
                    case EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED -> {
                        boolean signalWithStart = e.getEventId() == 2
                                && history.get(0).getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED;
                        if (!signalWithStart) {
                            count.merge(Actions.SIGNAL, 1L, Long::sum);
                        }
                    }
                    case EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED -> count.merge(Actions.UPDATE, 1L, Long::sum);
                    case EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES ->
                            count.merge(Actions.SEARCH_ATTRIBUTES_UPSERTED, 1L, Long::sum);
                    case EVENT_TYPE_MARKER_RECORDED -> {
                        var marker = e.getMarkerRecordedEventAttributes();
                        if (marker.getMarkerName().equals("LocalActivity")
                                && tasksWithLocalActivities.add(marker.getWorkflowTaskCompletedEventId())) {
                            count.merge(Actions.LOCAL_ACTIVITIES_RECORDED, 1L, Long::sum);
                        }
                    }
                    default -> {
                    }
                }
            }
        }
        return count;
    }

    /** The histories of the order chain (both runs), its child, and the greeting. */
    private static List<List<HistoryEvent>> histories(WorkflowExecution order, WorkflowExecution greeting) {
        List<List<HistoryEvent>> out = new ArrayList<>();
        List<WorkflowExecution> pending = new ArrayList<>(List.of(order, greeting));
        while (!pending.isEmpty()) {
            WorkflowExecution run = pending.remove(0);
            List<HistoryEvent> history = client.fetchHistory(run.getWorkflowId(), run.getRunId()).getEvents();
            out.add(history);
            for (HistoryEvent e : history) {
                if (e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW) {
                    pending.add(WorkflowExecution.newBuilder().setWorkflowId(run.getWorkflowId())
                            .setRunId(e.getWorkflowExecutionContinuedAsNewEventAttributes().getNewExecutionRunId())
                            .build());
                } else if (e.getEventType() == EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED) {
                    pending.add(e.getChildWorkflowExecutionStartedEventAttributes().getWorkflowExecution());
                }
            }
        }
        assertThat(out).as("order runs, child, greeting").hasSize(4);
        return out;
    }

    // ---- what billing sees ----

    /** Every usage event on the topic whose id names a workflow id that starts with {@code tag}, once per id. */
    private static List<JsonObject> consumeEvents(String tag) {
        return consumeAll().stream().filter(e -> e.getString("id").contains("/" + tag)).toList();
    }

    /** Every usage event on the topic, once per id (as billing keeps them). */
    private static List<JsonObject> consumeAll() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        Map<String, JsonObject> byId = new LinkedHashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int i = 0; i < KafkaServer.USAGE_PARTITIONS; i++) {
                partitions.add(new TopicPartition(KafkaServer.USAGE_TOPIC, i));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    // a record is a JSON array of one namespace's events, keyed by that namespace
                    for (Object o : new io.vertx.core.json.JsonArray(r.value())) {
                        JsonObject event = (JsonObject) o;
                        assertThat(r.key()).as("record key of %s", event.getString("id"))
                                .isEqualTo(event.getString("namespaceId"));
                        byId.putIfAbsent(event.getString("id"), event);
                    }
                }
            }
        }
        return new ArrayList<>(byId.values());
    }

    private static Map<String, Long> byAction(List<JsonObject> events) {
        Map<String, Long> out = new TreeMap<>();
        for (JsonObject e : events) {
            out.merge(e.getString("action"), e.getLong("quantity"), Long::sum);
        }
        return out;
    }

    private static List<String> outboxRows(String tag) {
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(DATABASE), postgres.username(),
                postgres.password());
             PreparedStatement s = c.prepareStatement("SELECT id FROM usage_outbox WHERE id LIKE ?")) {
            s.setString(1, "%/" + tag + "%");
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path dataPlaneJar() {
        String jar = System.getProperty("cadenza.dataplane.jar");
        assertThat(jar).as("system property cadenza.dataplane.jar (set by failsafe)").isNotBlank();
        Path path = Path.of(jar);
        assertThat(Files.isRegularFile(path)).as("data-plane jar %s exists", path).isTrue();
        return path;
    }
}
