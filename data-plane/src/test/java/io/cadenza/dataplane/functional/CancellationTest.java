package io.cadenza.dataplane.functional;

import static io.temporal.api.enums.v1.EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED;
import static io.temporal.api.enums.v1.EventType.EVENT_TYPE_TIMER_STARTED;
import static io.temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED;
import static io.temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCEL_REQUESTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cadenza.dataplane.testing.Poll;
import io.cadenza.dataplane.testing.SdkTestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A cancelled workflow gets a chance to clean up (in a detached scope) before it closes as CANCELED. */
@QuarkusTest
public class CancellationTest extends SdkTestSupport {

    @WorkflowInterface
    public interface ReservationWorkflow {
        /** Holds a reservation for an hour; on cancellation releases it, then reports the cancellation. */
        @WorkflowMethod
        String hold(String reservation);
    }

    @ActivityInterface
    public interface ReservationActivities {
        String release(String reservation);
    }

    public static class ReservationWorkflowImpl implements ReservationWorkflow {
        private final ReservationActivities activities =
                Workflow.newActivityStub(
                        ReservationActivities.class,
                        ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());

        @Override
        public String hold(String reservation) {
            try {
                Workflow.sleep(Duration.ofHours(1));
                return "held " + reservation;
            } catch (CanceledFailure canceled) {
                // The workflow's own scope is cancelled, so the cleanup must run in a scope that is not.
                Workflow.newDetachedCancellationScope(() -> activities.release(reservation)).run();
                throw canceled;
            }
        }
    }

    public static class ReservationActivitiesImpl implements ReservationActivities {
        final List<String> released = new CopyOnWriteArrayList<>();

        @Override
        public String release(String reservation) {
            released.add(reservation);
            return "released " + reservation;
        }
    }

    private final ReservationActivitiesImpl activities = new ReservationActivitiesImpl();

    @BeforeEach
    void startWorker() {
        var worker = newWorker();
        worker.registerWorkflowImplementationTypes(ReservationWorkflowImpl.class);
        worker.registerActivitiesImplementations(activities);
        startWorkers();
    }

    @Test
    void cancelledWorkflowRunsItsCleanupAndClosesAsCanceled() {
        // given a workflow blocked in a one-hour sleep
        ReservationWorkflow workflow = newWorkflow(ReservationWorkflow.class);
        String workflowId = WorkflowClient.start(workflow::hold, "seat-12A").getWorkflowId();
        awaitTimerStarted(workflowId);

        // when the client cancels it
        WorkflowStub stub = WorkflowStub.fromTyped(workflow);
        stub.cancel();

        // then the client sees a cancellation, the cleanup activity ran once, and the execution is CANCELED
        WorkflowFailedException failure =
                catchThrowableOfType(WorkflowFailedException.class, () -> stub.getResult(String.class));
        assertThat(failure).isNotNull();
        assertThat(failure.getCause()).isInstanceOf(CanceledFailure.class);
        assertThat(activities.released).containsExactly("seat-12A");
        assertThat(describe(workflowId).getWorkflowExecutionInfo().getStatus())
                .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED);
    }

    @Test
    void historyShowsRequestThenCleanupThenCanceled() {
        // given
        ReservationWorkflow workflow = newWorkflow(ReservationWorkflow.class);
        String workflowId = WorkflowClient.start(workflow::hold, "seat-3C").getWorkflowId();
        awaitTimerStarted(workflowId);

        // when
        WorkflowStub stub = WorkflowStub.fromTyped(workflow);
        stub.cancel();
        catchThrowableOfType(WorkflowFailedException.class, () -> stub.getResult(String.class));

        // then the cancel request precedes the cleanup, and the execution ends with WorkflowExecutionCanceled
        assertThat(eventTypes(workflowId))
                .containsSubsequence(
                        EVENT_TYPE_WORKFLOW_EXECUTION_CANCEL_REQUESTED,
                        EVENT_TYPE_ACTIVITY_TASK_COMPLETED,
                        EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED)
                .endsWith(EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED);
    }

    @Test
    void cancellingAClosedWorkflowDoesNotReopenIt() {
        // given a workflow that was already cancelled
        ReservationWorkflow workflow = newWorkflow(ReservationWorkflow.class);
        String workflowId = WorkflowClient.start(workflow::hold, "seat-1A").getWorkflowId();
        awaitTimerStarted(workflowId);
        WorkflowStub stub = WorkflowStub.fromTyped(workflow);
        stub.cancel();
        catchThrowableOfType(WorkflowFailedException.class, () -> stub.getResult(String.class));
        int eventsAfterFirstCancel = history(workflowId).size();

        // when it is cancelled again
        Throwable secondCancel = catchThrowable(stub::cancel);

        // then, as in Temporal, the request succeeds as a no-op: no error, nothing appended, no second cleanup
        assertThat(secondCancel).isNull();
        assertThat(history(workflowId)).hasSize(eventsAfterFirstCancel);
        assertThat(activities.released).containsExactly("seat-1A");
    }

    private void awaitTimerStarted(String workflowId) {
        Poll.until(
                Duration.ofSeconds(10),
                () -> historyContains(workflowId, EVENT_TYPE_TIMER_STARTED),
                "one-hour timer of " + workflowId + " started");
    }
}
