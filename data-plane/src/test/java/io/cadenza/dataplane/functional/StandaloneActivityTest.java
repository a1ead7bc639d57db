package io.cadenza.dataplane.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cadenza.dataplane.testing.Poll;
import io.cadenza.dataplane.testing.SdkTestSupport;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInterface;
import io.temporal.api.common.v1.ActivityType;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.enums.v1.ActivityExecutionStatus;
import io.temporal.api.enums.v1.ActivityIdConflictPolicy;
import io.temporal.api.enums.v1.ActivityIdReusePolicy;
import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.enums.v1.TimeoutType;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.DescribeActivityExecutionRequest;
import io.temporal.api.workflowservice.v1.PollActivityTaskQueueRequest;
import io.temporal.api.workflowservice.v1.PollActivityTaskQueueResponse;
import io.temporal.api.workflowservice.v1.RecordActivityTaskHeartbeatByIdRequest;
import io.temporal.api.workflowservice.v1.RespondActivityTaskCompletedByIdRequest;
import io.temporal.api.workflowservice.v1.RespondActivityTaskCompletedRequest;
import io.temporal.common.converter.DataConverter;
import io.temporal.api.workflowservice.v1.StartActivityExecutionRequest;
import io.temporal.client.ActivityAlreadyStartedException;
import io.temporal.client.ActivityClient;
import io.temporal.client.ActivityClientOptions;
import io.temporal.client.ActivityExecutionDescription;
import io.temporal.client.ActivityExecutionMetadata;
import io.temporal.client.ActivityFailedException;
import io.temporal.client.ActivityHandle;
import io.temporal.client.StartActivityOptions;
import io.temporal.client.ActivityCompletionException;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TerminatedFailure;
import io.temporal.failure.TimeoutFailure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Standalone activities (StartActivityExecution and friends) driven by the SDK's own {@link ActivityClient} and an
 * ordinary SDK worker: the activity code does not know it runs without a workflow.
 */
@QuarkusTest
public class StandaloneActivityTest extends SdkTestSupport {

    @ActivityInterface
    public interface Jobs {
        String greet(String name);

        String composeGreeting(String greeting, String name);

        /** {@code key} is "name/n": fails until its attempt reaches n. */
        String flaky(String key);

        /** Heartbeats once, then hangs (until released) without heartbeating again. */
        String stall(String key);

        /** Heartbeats until it learns of a cancellation request, then rethrows it. */
        String waitForCancel(String key);
    }

    public static class JobsImpl implements Jobs {
        static final Map<String, AtomicInteger> ATTEMPTS = new ConcurrentHashMap<>();
        static final Map<String, CountDownLatch> STARTED = new ConcurrentHashMap<>();
        static final CountDownLatch RELEASE = new CountDownLatch(1);

        @Override
        public String greet(String name) {
            return "Hello " + name + "!";
        }

        @Override
        public String composeGreeting(String greeting, String name) {
            return greeting + ", " + name + "!";
        }

        @Override
        public String flaky(String key) {
            int succeedOnAttempt = Integer.parseInt(key.substring(key.lastIndexOf('/') + 1));
            int attempt = Activity.getExecutionContext().getInfo().getAttempt();
            ATTEMPTS.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            if (attempt < succeedOnAttempt) {
                throw ApplicationFailure.newFailure("attempt " + attempt + " failed", "Flaky");
            }
            return "done on attempt " + attempt;
        }

        @Override
        public String stall(String key) {
            ATTEMPTS.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            Activity.getExecutionContext().heartbeat("progress-" + key);
            try {
                RELEASE.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "stale";
        }

        @Override
        public String waitForCancel(String key) {
            ActivityExecutionContext context = Activity.getExecutionContext();
            STARTED.computeIfAbsent(key, k -> new CountDownLatch(1)).countDown();
            long deadline = System.currentTimeMillis() + 30_000;
            while (System.currentTimeMillis() < deadline) {
                try {
                    context.heartbeat("waiting");
                } catch (ActivityCompletionException e) {
                    // The cancellation request arrived with the heartbeat response.
                    throw e;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new RuntimeException(e);
                }
            }
            return "never canceled";
        }
    }

    private ActivityClient activities;

    @BeforeEach
    void startWorker() {
        newWorker().registerActivitiesImplementations(new JobsImpl());
        startWorkers();
        activities = ActivityClient.newInstance(service,
                ActivityClientOptions.newBuilder().setNamespace(NAMESPACE).build());
    }

    private StartActivityOptions.Builder options(String id) {
        return StartActivityOptions.newBuilder().setId(id).setTaskQueue(taskQueue)
                .setScheduleToCloseTimeout(Duration.ofSeconds(30));
    }

    @Test
    void executesAndReturnsTheResult() {
        // when
        String result = activities.execute(Jobs.class, Jobs::greet, options(uniqueId("act")).build(), "Cadenza");

        // then
        assertThat(result).isEqualTo("Hello Cadenza!");
    }

    @Test
    void temporalsHelloStandaloneActivitySampleRunsTwiceWithItsFixedId() {
        // as samples-java HelloStandaloneActivity: a fixed id, only a start-to-close timeout, run again and again
        String id = uniqueId("hello-standalone-activity-id");
        StartActivityOptions opts = StartActivityOptions.newBuilder().setId(id).setTaskQueue(taskQueue)
                .setStartToCloseTimeout(Duration.ofSeconds(10)).build();

        String first = activities.execute(Jobs.class, Jobs::composeGreeting, opts, "Hello", "World");
        String second = activities.execute(Jobs.class, Jobs::composeGreeting, opts, "Hello", "again");

        assertThat(first).isEqualTo("Hello, World!");
        assertThat(second).isEqualTo("Hello, again!");
        assertThat(activities.countExecutions("ActivityId = '" + id + "'").getCount()).isEqualTo(2);
    }

    @Test
    void retriesOnTheServerUntilAnAttemptSucceeds() {
        // given: an activity that fails twice
        String id = uniqueId("flaky");
        StartActivityOptions opts = options(id).setRetryOptions(RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofMillis(100)).setBackoffCoefficient(1.0).build()).build();

        // when
        ActivityHandle<String> handle = activities.start(Jobs.class, Jobs::flaky, opts, id + "/3");

        // then
        assertThat(handle.getResult()).isEqualTo("done on attempt 3");
        assertThat(JobsImpl.ATTEMPTS.get(id + "/3").get()).isEqualTo(3);
        ActivityExecutionDescription description = handle.describe();
        assertThat(description.getStatus()).isEqualTo(ActivityExecutionStatus.ACTIVITY_EXECUTION_STATUS_COMPLETED);
        assertThat(description.getAttempt()).isEqualTo(3);
        assertThat(description.getCloseTime()).isNotNull();
    }

    @Test
    void failsWithTheLastFailureOnceRetriesAreExhausted() {
        // given
        String id = uniqueId("flaky");
        StartActivityOptions opts = options(id).setRetryOptions(RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofMillis(50)).setMaximumAttempts(2).build()).build();

        // when
        ActivityHandle<String> handle = activities.start(Jobs.class, Jobs::flaky, opts, id + "/5");
        ActivityFailedException failed = catchThrowableOfType(ActivityFailedException.class, handle::getResult);

        // then
        assertThat(failed.getCause()).isInstanceOf(ApplicationFailure.class);
        assertThat(((ApplicationFailure) failed.getCause()).getType()).isEqualTo("Flaky");
        assertThat(handle.describe().getStatus()).isEqualTo(ActivityExecutionStatus.ACTIVITY_EXECUTION_STATUS_FAILED);
    }

    @Test
    void timesOutWhenHeartbeatsStop() {
        // given: one attempt that heartbeats once and then hangs
        String id = uniqueId("stall");
        StartActivityOptions opts = options(id).setHeartbeatTimeout(Duration.ofSeconds(1))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build()).build();

        // when
        ActivityHandle<String> handle = activities.start(Jobs.class, Jobs::stall, opts, id);
        ActivityFailedException failed = catchThrowableOfType(ActivityFailedException.class,
                () -> handle.getResult(20, TimeUnit.SECONDS));

        // then
        assertThat(failed.getCause()).isInstanceOf(TimeoutFailure.class);
        TimeoutFailure timeout = (TimeoutFailure) failed.getCause();
        assertThat(timeout.getTimeoutType()).isEqualTo(TimeoutType.TIMEOUT_TYPE_HEARTBEAT);
        assertThat(timeout.getLastHeartbeatDetails().get(String.class)).isEqualTo("progress-" + id);
        ActivityExecutionDescription description = handle.describe();
        assertThat(description.getStatus()).isEqualTo(ActivityExecutionStatus.ACTIVITY_EXECUTION_STATUS_TIMED_OUT);
        assertThat(description.getRawInfo().getTotalHeartbeatCount()).isEqualTo(1);
        // Describe includes heartbeat details only when asked to, as Temporal's API says
        assertThat(rawStub().describeActivityExecution(DescribeActivityExecutionRequest.newBuilder()
                .setNamespace(NAMESPACE).setActivityId(id).setIncludeHeartbeatDetails(true).build())
                .getInfo().getHeartbeatDetails().getPayloadsCount()).isEqualTo(1);
    }

    @Test
    void cancellationReachesTheActivityThroughItsHeartbeat() throws Exception {
        // given: a started activity that heartbeats
        String id = uniqueId("cancel");
        StartActivityOptions opts = options(id).setHeartbeatTimeout(Duration.ofSeconds(5)).build();
        ActivityHandle<String> handle = activities.start(Jobs.class, Jobs::waitForCancel, opts, id);
        assertThat(JobsImpl.STARTED.computeIfAbsent(id, k -> new CountDownLatch(1)).await(20, TimeUnit.SECONDS))
                .as("activity started").isTrue();
        Poll.until(Duration.ofSeconds(10), () -> handle.describe().getRunState()
                == PendingActivityState.PENDING_ACTIVITY_STATE_STARTED, "activity reported as started");

        // when
        handle.cancel("no longer needed");

        // then
        ActivityFailedException failed = catchThrowableOfType(ActivityFailedException.class, handle::getResult);
        assertThat(failed.getCause()).isInstanceOf(CanceledFailure.class);
        ActivityExecutionDescription description = handle.describe();
        assertThat(description.getStatus()).isEqualTo(ActivityExecutionStatus.ACTIVITY_EXECUTION_STATUS_CANCELED);
        assertThat(description.getCanceledReason()).isEqualTo("no longer needed");
    }

    @Test
    void terminateClosesTheActivityAtOnce() {
        // given: an activity that no worker polls
        String id = uniqueId("term");
        ActivityHandle<String> handle = activities.start("NoSuchWorker", String.class,
                StartActivityOptions.newBuilder().setId(id).setTaskQueue(taskQueue + "-nobody")
                        .setStartToCloseTimeout(Duration.ofMinutes(1)).build());

        // when
        handle.terminate("by test");

        // then
        ActivityFailedException failed = catchThrowableOfType(ActivityFailedException.class, handle::getResult);
        assertThat(failed.getCause()).isInstanceOf(TerminatedFailure.class);
        assertThat(handle.describe().getStatus())
                .isEqualTo(ActivityExecutionStatus.ACTIVITY_EXECUTION_STATUS_TERMINATED);
    }

    @Test
    void describesARunningActivity() {
        // given: an activity no worker polls yet
        String id = uniqueId("desc");
        ActivityHandle<String> handle = activities.start("Pending", String.class,
                StartActivityOptions.newBuilder().setId(id).setTaskQueue(taskQueue + "-idle")
                        .setScheduleToCloseTimeout(Duration.ofMinutes(5))
                        .setStartToCloseTimeout(Duration.ofMinutes(1))
                        .setStaticSummary("nightly export").build());

        // when
        ActivityExecutionDescription description = handle.describe();

        // then
        assertThat(description.getActivityId()).isEqualTo(id);
        assertThat(description.getActivityRunId()).isEqualTo(handle.getActivityRunId());
        assertThat(description.getActivityType()).isEqualTo("Pending");
        assertThat(description.getTaskQueue()).isEqualTo(taskQueue + "-idle");
        assertThat(description.getStatus()).isEqualTo(ActivityExecutionStatus.ACTIVITY_EXECUTION_STATUS_RUNNING);
        assertThat(description.getRunState()).isEqualTo(PendingActivityState.PENDING_ACTIVITY_STATE_SCHEDULED);
        assertThat(description.getAttempt()).isEqualTo(1);
        assertThat(description.getScheduleToCloseTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(description.getStartToCloseTimeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(description.getStaticSummary()).isEqualTo("nightly export");
        assertThat(description.getCloseTime()).isNull();
        handle.terminate("cleanup");
    }

    @Test
    void listsAndCountsByFilter() {
        // given: three completed activities on this test's queue, one running on another
        for (int i = 0; i < 3; i++) {
            activities.execute(Jobs.class, Jobs::greet, options(uniqueId("list")).build(), "n" + i);
        }
        String otherQueue = taskQueue + "-other";
        ActivityHandle<String> running = activities.start("Pending", String.class, StartActivityOptions.newBuilder()
                .setId(uniqueId("list")).setTaskQueue(otherQueue).setStartToCloseTimeout(Duration.ofMinutes(1))
                .build());

        // when
        List<ActivityExecutionMetadata> listed = activities.listExecutions("TaskQueue = '" + taskQueue + "'")
                .collect(Collectors.toList());

        // then
        assertThat(listed).hasSize(3).allSatisfy(a -> {
            assertThat(a.getActivityType()).isEqualTo("Greet");
            assertThat(a.getStatus()).isEqualTo(ActivityExecutionStatus.ACTIVITY_EXECUTION_STATUS_COMPLETED);
            assertThat(a.getCloseTime()).isNotNull();
        });
        assertThat(activities.countExecutions("TaskQueue = '" + taskQueue + "'").getCount()).isEqualTo(3);
        assertThat(activities.listExecutions("TaskQueue = '" + otherQueue + "' AND ExecutionStatus = 'Running'")
                .map(ActivityExecutionMetadata::getActivityId).collect(Collectors.toList()))
                .containsExactly(running.getActivityId());
        assertThat(activities.countExecutions("ActivityType = 'Greet' AND TaskQueue = '" + taskQueue
                + "' AND ExecutionStatus = 'Completed'").getCount()).isEqualTo(3);
        running.terminate("cleanup");
        assertThat(activities.countExecutions("ActivityId = '" + running.getActivityId()
                + "' AND ExecutionStatus = 'Terminated'").getCount()).isEqualTo(1);
    }

    @Test
    void aBadListQueryIsAnInvalidArgument() {
        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
                () -> activities.countExecutions("NoSuchAttribute = 'x'"));
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(e.getStatus().getDescription()).contains("NoSuchAttribute");
    }

    @Test
    void aDuplicateIdIsRejectedOrAttachedAsThePoliciesSay() {
        // given: a running activity
        String id = uniqueId("dup");
        StartActivityOptions pending = StartActivityOptions.newBuilder().setId(id).setTaskQueue(taskQueue + "-idle")
                .setStartToCloseTimeout(Duration.ofMinutes(1)).build();
        ActivityHandle<String> first = activities.start("Pending", String.class, pending);

        // when / then: the default conflict policy refuses a second start
        ActivityAlreadyStartedException refused = catchThrowableOfType(ActivityAlreadyStartedException.class,
                () -> activities.start("Pending", String.class, pending));
        assertThat(refused.getRunId()).isEqualTo(first.getActivityRunId());

        // when / then: USE_EXISTING attaches to the running run
        ActivityHandle<String> attached = activities.start("Pending", String.class, pending.toBuilder()
                .setIdConflictPolicy(ActivityIdConflictPolicy.ACTIVITY_ID_CONFLICT_POLICY_USE_EXISTING).build());
        assertThat(attached.getActivityRunId()).isEqualTo(first.getActivityRunId());

        // when / then: once closed, REJECT_DUPLICATE refuses and the default policy starts a new run
        first.terminate("done");
        catchThrowableOfType(ActivityAlreadyStartedException.class, () -> activities.start("Pending", String.class,
                pending.toBuilder().setIdReusePolicy(ActivityIdReusePolicy.ACTIVITY_ID_REUSE_POLICY_REJECT_DUPLICATE)
                        .build()));
        ActivityHandle<String> second = activities.start("Pending", String.class, pending);
        assertThat(second.getActivityRunId()).isNotEqualTo(first.getActivityRunId());
        assertThat(activities.getHandle(id, first.getActivityRunId()).describe().getStatus())
                .isEqualTo(ActivityExecutionStatus.ACTIVITY_EXECUTION_STATUS_TERMINATED);
        second.terminate("cleanup");
    }

    @Test
    void theSameStartRequestIsAppliedOnce() {
        // given
        StartActivityExecutionRequest request = StartActivityExecutionRequest.newBuilder()
                .setNamespace(NAMESPACE).setActivityId(uniqueId("idem")).setRequestId("request-1")
                .setActivityType(ActivityType.newBuilder().setName("Pending"))
                .setTaskQueue(TaskQueue.newBuilder().setName(taskQueue + "-idle"))
                .setStartToCloseTimeout(com.google.protobuf.Duration.newBuilder().setSeconds(60))
                .setInput(Payloads.getDefaultInstance()).build();

        // when: sent twice (a client retry)
        String first = rawStub().startActivityExecution(request).getRunId();
        String second = rawStub().startActivityExecution(request).getRunId();

        // then
        assertThat(second).isEqualTo(first);
    }

    @Test
    void aStartWithoutTimeoutsNamesTheMissingField() {
        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
                () -> rawStub().startActivityExecution(StartActivityExecutionRequest.newBuilder()
                        .setNamespace(NAMESPACE).setActivityId(uniqueId("bad"))
                        .setActivityType(ActivityType.newBuilder().setName("Pending"))
                        .setTaskQueue(TaskQueue.newBuilder().setName(taskQueue)).build()));
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(e.getStatus().getDescription()).contains("ScheduleToCloseTimeout").contains("StartToCloseTimeout");
    }

    @Test
    void aWorkerReportsByActivityIdWithoutAWorkflowIdAndALateTokenIsRefused() {
        // given: a standalone activity taken by a raw poll (no SDK worker holds it)
        String id = uniqueId("byid");
        String queue = taskQueue + "-raw";
        ActivityHandle<String> handle = activities.start("Manual", String.class, StartActivityOptions.newBuilder()
                .setId(id).setTaskQueue(queue).setStartToCloseTimeout(Duration.ofMinutes(1)).build());
        PollActivityTaskQueueResponse task = rawStub().pollActivityTaskQueue(PollActivityTaskQueueRequest.newBuilder()
                .setNamespace(NAMESPACE).setTaskQueue(TaskQueue.newBuilder().setName(queue)).setIdentity("raw")
                .build());
        assertThat(task.getActivityId()).isEqualTo(id);
        assertThat(task.getActivityRunId()).isEqualTo(handle.getActivityRunId());
        assertThat(rawStub().recordActivityTaskHeartbeatById(RecordActivityTaskHeartbeatByIdRequest.newBuilder()
                .setNamespace(NAMESPACE).setActivityId(id).setRunId(handle.getActivityRunId()).build())
                .getCancelRequested()).isFalse();

        // when: completed by id, with an empty workflow id
        rawStub().respondActivityTaskCompletedById(RespondActivityTaskCompletedByIdRequest.newBuilder()
                .setNamespace(NAMESPACE).setActivityId(id).setRunId(handle.getActivityRunId())
                .setResult(DataConverter.getDefaultInstance().toPayloads("done by id").orElseThrow()).build());

        // then
        assertThat(handle.getResult()).isEqualTo("done by id");
        StatusRuntimeException late = catchThrowableOfType(StatusRuntimeException.class,
                () -> rawStub().respondActivityTaskCompleted(RespondActivityTaskCompletedRequest.newBuilder()
                        .setNamespace(NAMESPACE).setTaskToken(task.getTaskToken()).build()));
        assertThat(late.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(handle.describe().getLastWorkerIdentity()).isEqualTo("raw");
    }

    @Test
    void anUnknownActivityIsNotFound() {
        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
                () -> activities.getHandle("no-such-activity", null).describe());
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    }
}
