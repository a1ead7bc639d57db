package io.cadenza.dataplane.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.dataplane.testing.Poll;
import io.cadenza.dataplane.testing.SdkTestSupport;
import io.cadenza.devstack.DataPlaneProcess;
import io.cadenza.devstack.PostgresServer;
import io.temporal.activity.ActivityInterface;
import io.temporal.api.enums.v1.ActivityExecutionStatus;
import io.temporal.client.ActivityClient;
import io.temporal.client.ActivityClientOptions;
import io.temporal.client.ActivityHandle;
import io.temporal.client.StartActivityOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.WorkerFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILLs the data plane while standalone activities are running on a worker, restarts it on the same database and
 * port, and checks that every client still gets its activity's result: running activities are recovered from
 * {@code standalone_activities} and handed out again (an attempt a worker held is in memory only, so it is
 * dispatched anew; the worker's late report for the lost dispatch is refused).
 */
class StandaloneActivityCrashIT {

    static final int ACTIVITIES = 30;
    /** Activities 0..9 finish before the crash; the others are held by the worker until the data plane is dead. */
    static final int FINISHED_BEFORE_CRASH = 10;
    static final String DATABASE = "cadenza_standalone_crash";

    @TempDir Path tempDir;

    @ActivityInterface
    public interface Echo {
        /** (A String, not an int: the SDK's method probe cannot call a method reference with a primitive.) */
        String echo(String n);
    }

    /** Activity n >= 10 waits for the crash on its first dispatch; every dispatch after the crash returns at once. */
    static final class EchoImpl implements Echo {
        final AtomicInteger started = new AtomicInteger();
        final AtomicInteger completed = new AtomicInteger();
        final CountDownLatch crashed = new CountDownLatch(1);

        @Override
        public String echo(String n) {
            started.incrementAndGet();
            if (Integer.parseInt(n) >= FINISHED_BEFORE_CRASH) {
                try {
                    crashed.await(2, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            completed.incrementAndGet();
            return "echo-" + n;
        }
    }

    @Test
    void everyClientGetsItsResultAcrossADataPlaneCrash() throws Exception {
        String runName = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path dataPlaneLog = Path.of("target", "standalone-crash", runName, "data-plane.log").toAbsolutePath();
        PostgresServer postgres = PostgresServer.start(tempDir.resolve("pg"), 0);
        DataPlaneProcess dataPlane = null;
        WorkflowServiceStubs service = null;
        WorkerFactory factory = null;
        EchoImpl echo = new EchoImpl();
        try {
            postgres.createDatabaseIfMissing(DATABASE);
            int grpcPort = CrashRecoveryIT.freePortPair();
            DataPlaneProcess.Settings settings = new DataPlaneProcess.Settings(CrashRecoveryIT.dataPlaneJar(),
                    grpcPort, "standalone-crash-cell", postgres.jdbcUrl(DATABASE), postgres.reactiveUrl(DATABASE),
                    postgres.username(), postgres.password(), dataPlaneLog, Map.of());
            System.out.println("StandaloneActivityCrashIT: data-plane log " + dataPlaneLog);

            // given a data plane, a worker, and 30 standalone activities: 10 done, 20 held by the worker
            dataPlane = DataPlaneProcess.start(settings);
            service = SdkTestSupport.newServiceStubs("127.0.0.1:" + grpcPort);
            String taskQueue = "standalone-crash-" + UUID.randomUUID();
            factory = WorkerFactory.newInstance(SdkTestSupport.newClient(service));
            factory.newWorker(taskQueue).registerActivitiesImplementations(echo);
            factory.start();
            ActivityClient activities = ActivityClient.newInstance(service,
                    ActivityClientOptions.newBuilder().setNamespace(SdkTestSupport.NAMESPACE).build());
            List<ActivityHandle<String>> handles = new ArrayList<>();
            for (int n = 0; n < ACTIVITIES; n++) {
                handles.add(activities.start(Echo.class, Echo::echo, StartActivityOptions.newBuilder()
                        .setId("crash-" + n + "-" + UUID.randomUUID().toString().substring(0, 8))
                        .setTaskQueue(taskQueue)
                        .setScheduleToCloseTimeout(Duration.ofMinutes(5))
                        .setStartToCloseTimeout(Duration.ofMinutes(3))
                        .build(), String.valueOf(n)));
            }
            Poll.until(Duration.ofSeconds(60),
                    () -> echo.completed.get() >= FINISHED_BEFORE_CRASH && echo.started.get() >= ACTIVITIES,
                    "10 activities completed and 20 held by the worker");
            for (int n = 0; n < FINISHED_BEFORE_CRASH; n++) {
                assertThat(handles.get(n).getResult(10, TimeUnit.SECONDS)).isEqualTo("echo-" + n);
            }

            // when the data plane is killed mid-activity and restarted on the same database and port
            dataPlane.kill();
            assertThat(dataPlane.isAlive()).as("data plane after SIGKILL").isFalse();
            echo.crashed.countDown();
            dataPlane = DataPlaneProcess.start(settings);

            // then every client gets its own result, and the activities are listed as completed
            for (int n = 0; n < ACTIVITIES; n++) {
                assertThat(handles.get(n).getResult(2, TimeUnit.MINUTES)).as("result of activity %d", n)
                        .isEqualTo("echo-" + n);
                assertThat(handles.get(n).describe().getStatus())
                        .isEqualTo(ActivityExecutionStatus.ACTIVITY_EXECUTION_STATUS_COMPLETED);
            }
            assertThat(activities.countExecutions("TaskQueue = '" + taskQueue + "' AND ExecutionStatus = 'Completed'")
                    .getCount()).isEqualTo(ACTIVITIES);
            assertThat(echo.started.get()).as("attempts handed out again after the crash")
                    .isGreaterThanOrEqualTo(ACTIVITIES + ACTIVITIES - FINISHED_BEFORE_CRASH);
        } catch (Throwable failure) {
            throw new AssertionError("Standalone activity crash recovery failed; data-plane log: " + dataPlaneLog
                    + ", PostgreSQL log: " + postgres.logFile(), failure);
        } finally {
            if (factory != null) {
                factory.shutdownNow();
                factory.awaitTermination(10, TimeUnit.SECONDS);
            }
            if (service != null) {
                service.shutdownNow();
            }
            if (dataPlane != null) {
                dataPlane.close();
            }
            postgres.close();
        }
    }
}
