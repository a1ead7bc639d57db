package io.cadenza.dataplane.cell;

import static io.temporal.api.enums.v1.EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED;
import static io.temporal.api.enums.v1.EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED;
import static io.temporal.api.enums.v1.EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_COMPLETED;
import static io.temporal.api.enums.v1.EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED;
import static io.temporal.api.enums.v1.EventType.EVENT_TYPE_TIMER_FIRED;
import static io.temporal.api.enums.v1.EventType.EVENT_TYPE_TIMER_STARTED;
import static io.temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED;
import static io.temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED;
import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.dataplane.testing.Histories;
import io.cadenza.dataplane.testing.Poll;
import io.cadenza.dataplane.testing.SdkTestSupport;
import io.cadenza.devstack.DataPlaneProcess;
import io.cadenza.devstack.PostgresServer;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cell of three data-plane instances over one database, driven by the Temporal Java SDK through one of them (so
 * every call on a run or a task queue another instance owns is forwarded): one instance is SIGKILLed under load, and
 * its shards must be owned again within lease + 5 s; then another is SIGSTOPped past its lease (a zombie), its
 * shards are taken, and after SIGCONT it commits nothing (fencing), gives its shards up and rejoins. Every workflow
 * (timers, an activity, a child, a signal) completes with the right result and a gap-free, duplicate-free history.
 */
class CellFailoverIT {

    static final int WORKFLOWS = Integer.getInteger("cadenza.cell.workflows", 60);
    static final long LEASE_MILLIS = 10_000;
    static final String DATABASE = "cadenza_cell_failover";

    @TempDir Path tempDir;

    private final CellWorkload.CountingSteps steps = new CellWorkload.CountingSteps();

    @Test
    void aCellOfThreeSurvivesAKilledAndAPausedInstance() throws Exception {
        String runName = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path logDir = Path.of("target", "cell-failover", runName).toAbsolutePath();
        PostgresServer postgres = PostgresServer.start(tempDir.resolve("pg"), 0);
        List<DataPlaneProcess> instances = new ArrayList<>();
        WorkflowServiceStubs service = null;
        WorkerFactory factory = null;
        try {
            postgres.createDatabaseIfMissing(DATABASE);
            for (int i = 0; i < 3; i++) {
                instances.add(DataPlaneProcess.start(settings(postgres, freePortPair(), logDir.resolve(
                        "instance-" + (i + 1) + ".log"))));
            }
            System.out.println("CellFailoverIT: logs in " + logDir);
            Poll.until(Duration.ofSeconds(60), () -> holders(postgres).size() == 3,
                    () -> "the 16 shards spread over the 3 instances: " + holders(postgres));

            // given the SDK (client and worker) talking to instance 1 only
            DataPlaneProcess front = instances.get(0);
            service = SdkTestSupport.newServiceStubs("127.0.0.1:" + front.grpcPort());
            WorkflowClient client = SdkTestSupport.newClient(service);
            String taskQueue = "cell-" + UUID.randomUUID();
            factory = WorkerFactory.newInstance(client);
            Worker worker = factory.newWorker(taskQueue);
            worker.registerWorkflowImplementationTypes(CellWorkload.ParentImpl.class, CellWorkload.ChildImpl.class);
            worker.registerActivitiesImplementations(steps);
            factory.start();

            Map<String, Integer> firstWave = startAndSignal(client, taskQueue, "kill");
            Poll.until(Duration.ofSeconds(90), () -> steps.completed.get() >= 20, "20 activities done before the kill");

            // when instance 3 is SIGKILLed
            DataPlaneProcess victim = instances.get(2);
            String victimId = memberAt(postgres, victim.grpcPort());
            int victimShards = shardsOf(postgres, victimId);
            long killedAt = System.nanoTime();
            victim.kill();
            Poll.until(Duration.ofMillis(LEASE_MILLIS + 15_000), () -> shardsOf(postgres, victimId) == 0,
                    () -> "the killed instance's shards are taken over: " + holders(postgres));
            long takeoverMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
            System.out.printf("CellFailoverIT: %d shards of the SIGKILLed instance owned again after %d ms "
                    + "(lease %d ms)%n", victimShards, takeoverMillis, LEASE_MILLIS);
            assertThat(takeoverMillis).as("takeover time").isLessThanOrEqualTo(LEASE_MILLIS + 5_000);

            // then every workflow completes exactly once
            awaitAll(client, firstWave);

            // when instance 2 is paused past its lease (a zombie), under a new wave of workflows
            Map<String, Integer> secondWave = startAndSignal(client, taskQueue, "zombie");
            DataPlaneProcess zombie = instances.get(1);
            String zombieId = memberAt(postgres, zombie.grpcPort());
            signal(zombie, "STOP");
            try {
                Poll.until(Duration.ofMillis(LEASE_MILLIS + 15_000), () -> shardsOf(postgres, zombieId) == 0,
                        () -> "the paused instance's shards are taken over: " + holders(postgres));
            } finally {
                signal(zombie, "CONT");
            }
            // then it gives up what it held, rejoins and gets its share back
            Poll.until(Duration.ofSeconds(60), () -> shardsOf(postgres, zombieId) > 0,
                    () -> "the resumed instance takes shards again: " + holders(postgres));
            assertThat(Files.readString(logDir.resolve("instance-2.log")))
                    .as("the resumed instance noticed its lease lapsed")
                    .contains("could not renew its lease");
            awaitAll(client, secondWave);
        } catch (Throwable failure) {
            throw new AssertionError("Cell failover failed; logs in " + logDir + ", PostgreSQL log: "
                    + postgres.logFile(), failure);
        } finally {
            if (factory != null) {
                factory.shutdownNow();
                factory.awaitTermination(10, TimeUnit.SECONDS);
            }
            if (service != null) {
                service.shutdownNow();
            }
            instances.forEach(DataPlaneProcess::close);
            postgres.close();
        }
    }

    private Map<String, Integer> startAndSignal(WorkflowClient client, String taskQueue, String wave) {
        Map<String, Integer> inputs = new LinkedHashMap<>();
        for (int n = 0; n < WORKFLOWS; n++) {
            String id = "cell-" + wave + "-" + n + "-" + UUID.randomUUID().toString().substring(0, 8);
            CellWorkload.Parent parent = client.newWorkflowStub(CellWorkload.Parent.class,
                    WorkflowOptions.newBuilder().setTaskQueue(taskQueue).setWorkflowId(id).build());
            WorkflowClient.start(parent::run, n);
            inputs.put(id, n);
        }
        inputs.forEach((id, n) -> client.newUntypedWorkflowStub(id).signal("bump", CellWorkload.bump(n)));
        return inputs;
    }

    private static void awaitAll(WorkflowClient client, Map<String, Integer> inputs) throws Exception {
        for (Map.Entry<String, Integer> w : inputs.entrySet()) {
            WorkflowStub stub = client.newUntypedWorkflowStub(w.getKey());
            assertThat(stub.getResult(180, TimeUnit.SECONDS, String.class)).as("result of %s", w.getKey())
                    .isEqualTo(CellWorkload.expectedResult(w.getValue()));
            List<HistoryEvent> events = client.fetchHistory(w.getKey()).getEvents();
            Histories.assertWellFormed(w.getKey(), events, EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED);
            assertThat(Histories.count(events, EVENT_TYPE_TIMER_STARTED)).isEqualTo(CellWorkload.TIMERS_PER_PARENT);
            assertThat(Histories.count(events, EVENT_TYPE_TIMER_FIRED)).isEqualTo(CellWorkload.TIMERS_PER_PARENT);
            assertThat(Histories.count(events, EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)).isEqualTo(1);
            assertThat(Histories.count(events, EVENT_TYPE_ACTIVITY_TASK_COMPLETED)).isEqualTo(1);
            assertThat(Histories.count(events, EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED)).isEqualTo(1);
            assertThat(Histories.count(events, EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_COMPLETED)).isEqualTo(1);
            assertThat(Histories.count(events, EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED)).isEqualTo(1);
            List<HistoryEvent> child = client.fetchHistory(w.getKey() + "-child").getEvents();
            Histories.assertWellFormed(w.getKey() + "-child", child, EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED);
            assertThat(Histories.count(child, EVENT_TYPE_ACTIVITY_TASK_COMPLETED)).isEqualTo(1);
        }
    }

    private static DataPlaneProcess.Settings settings(PostgresServer postgres, int port, Path log) {
        return new DataPlaneProcess.Settings(dataPlaneJar(), port, "failover-cell", postgres.jdbcUrl(DATABASE),
                postgres.reactiveUrl(DATABASE), postgres.username(), postgres.password(), log,
                Map.of("cadenza.cell.lease-millis", String.valueOf(LEASE_MILLIS), "cadenza.cell.renew-millis", "2000",
                        "cadenza.handler-event-loops", "2",
                        "quarkus.log.category.\"io.cadenza.dataplane.cell\".level",
                        System.getProperty("cadenza.cell.log-level", "INFO"),
                        "quarkus.log.category.\"io.cadenza.dataplane.grpc\".level",
                        System.getProperty("cadenza.cell.log-level", "INFO")));
    }

    /** Shards per holder (released shards under ""). */
    private static Map<String, Integer> holders(PostgresServer postgres) {
        Map<String, Integer> out = new HashMap<>();
        query(postgres, "SELECT owner, count(*) FROM shards GROUP BY owner", rs -> out.put(rs.getString(1),
                rs.getInt(2)));
        return out;
    }

    private static int shardsOf(PostgresServer postgres, String owner) {
        return holders(postgres).getOrDefault(owner, 0);
    }

    private static String memberAt(PostgresServer postgres, int port) {
        List<String> ids = new ArrayList<>();
        query(postgres, "SELECT id FROM cell_members WHERE address = '127.0.0.1:" + port + "'",
                rs -> ids.add(rs.getString(1)));
        assertThat(ids).as("member at port %d", port).hasSize(1);
        return ids.get(0);
    }

    interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private static void query(PostgresServer postgres, String sql, RowReader reader) {
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(DATABASE), postgres.username(),
                postgres.password()); ResultSet rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                reader.read(rs);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void signal(DataPlaneProcess p, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(p.pid())).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).as("kill -%s", signal).isTrue();
    }

    static Path dataPlaneJar() {
        String jar = System.getProperty("cadenza.dataplane.jar");
        assertThat(jar).as("system property cadenza.dataplane.jar (set by failsafe)").isNotBlank();
        return Path.of(jar);
    }

    static int freePortPair() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            if (port < 65535) {
                try {
                    new ServerSocket(port + 1).close();
                    return port;
                } catch (IOException taken) {
                    // try another pair
                }
            }
        }
        throw new IOException("no pair of adjacent free ports found");
    }
}
