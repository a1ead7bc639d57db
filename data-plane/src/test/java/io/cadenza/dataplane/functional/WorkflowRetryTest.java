package io.cadenza.dataplane.functional;

import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.dataplane.testing.Poll;
import io.cadenza.dataplane.testing.SdkTestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.temporal.api.enums.v1.ContinueAsNewInitiator;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.RetryState;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A workflow started with a retry policy is retried by the server as a new run, as in Temporal. */
@QuarkusTest
public class WorkflowRetryTest extends SdkTestSupport {

    @WorkflowInterface
    public interface FlakyJob {
        @WorkflowMethod
        String run(String input);
    }

    public static class FlakyJobImpl implements FlakyJob {
        @Override
        public String run(String input) {
            int attempt = Workflow.getInfo().getAttempt();
            if (attempt < 3) {
                throw ApplicationFailure.newFailure("transient trouble on attempt " + attempt, "Transient");
            }
            return input + " done on attempt " + attempt;
        }
    }

    @Test
    void aFailedRunIsRetriedAsANewRunUntilItSucceeds() {
        // given a workflow with a retry policy that fails its first two attempts
        newWorker().registerWorkflowImplementationTypes(FlakyJobImpl.class);
        startWorkers();
        String workflowId = uniqueId("job");
        FlakyJob job = client.newWorkflowStub(FlakyJob.class, workflowOptions().setWorkflowId(workflowId)
                .setRetryOptions(RetryOptions.newBuilder().setInitialInterval(Duration.ofMillis(200))
                        .setBackoffCoefficient(2).setMaximumAttempts(5).build()).build());

        // when it runs
        String firstRunId = WorkflowClient.start(job::run, "import").getRunId();
        Poll.until(Duration.ofSeconds(15), () -> describe(workflowId).getWorkflowExecutionInfo().getStatus()
                == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED, "the workflow id's current run completed");

        // then the first run failed with a retry in progress that points at the next run
        List<HistoryEvent> first = client.fetchHistory(workflowId, firstRunId).getEvents();
        var failed = first.get(first.size() - 1).getWorkflowExecutionFailedEventAttributes();
        assertThat(failed.getRetryState()).isEqualTo(RetryState.RETRY_STATE_IN_PROGRESS);
        assertThat(failed.getNewExecutionRunId()).isNotEmpty();
        // and the last run is attempt 3, started by a retry, with the result
        assertThat(client.newUntypedWorkflowStub(workflowId).getResult(String.class))
                .isEqualTo("import done on attempt 3");
        List<HistoryEvent> last = history(workflowId);
        var started = last.get(0).getWorkflowExecutionStartedEventAttributes();
        assertThat(started.getAttempt()).isEqualTo(3);
        assertThat(started.getInitiator()).isEqualTo(ContinueAsNewInitiator.CONTINUE_AS_NEW_INITIATOR_RETRY);
        assertThat(started.getFirstExecutionRunId()).isEqualTo(firstRunId);
        assertThat(started.getFirstWorkflowTaskBackoff().getNanos() + started.getFirstWorkflowTaskBackoff().getSeconds()
                * 1_000_000_000L).as("second retry waits 400 ms").isEqualTo(400_000_000L);
        assertThat(last.get(last.size() - 1).getEventType()).isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED);
    }

    @Test
    void aNonRetryableFailureEndsTheWorkflowAtOnce() {
        // given
        newWorker().registerWorkflowImplementationTypes(FlakyJobImpl.class);
        startWorkers();
        String workflowId = uniqueId("job");
        FlakyJob job = client.newWorkflowStub(FlakyJob.class, workflowOptions().setWorkflowId(workflowId)
                .setRetryOptions(RetryOptions.newBuilder().setInitialInterval(Duration.ofMillis(100))
                        .setDoNotRetry("Transient").build()).build());

        // when
        String runId = WorkflowClient.start(job::run, "x").getRunId();
        Poll.until(Duration.ofSeconds(10), () -> describe(workflowId).getWorkflowExecutionInfo().getStatus()
                == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_FAILED, "failed");

        // then there is no retry run
        List<HistoryEvent> events = client.fetchHistory(workflowId, runId).getEvents();
        var failed = events.get(events.size() - 1).getWorkflowExecutionFailedEventAttributes();
        assertThat(failed.getRetryState()).isEqualTo(RetryState.RETRY_STATE_NON_RETRYABLE_FAILURE);
        assertThat(failed.getNewExecutionRunId()).isEmpty();
    }
}
