package io.cadenza.dataplane.functional;

import static io.temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED;
import static io.temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cadenza.dataplane.functional.support.GateWorkflow;
import io.cadenza.dataplane.functional.support.GateWorkflowImpl;
import io.cadenza.dataplane.testing.Poll;
import io.cadenza.dataplane.testing.SdkTestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.WorkflowExecutionTerminatedEventAttributes;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.TerminatedFailure;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Termination closes a workflow at once, without running any more workflow code. */
@QuarkusTest
public class TerminateTest extends SdkTestSupport {

    @BeforeEach
    void startWorker() {
        newWorker().registerWorkflowImplementationTypes(GateWorkflowImpl.class);
        startWorkers();
    }

    @Test
    void terminatedWorkflowIsClosedWithTheReason() {
        // given a workflow blocked on a signal
        GateWorkflow workflow = newWorkflow(GateWorkflow.class);
        String workflowId = WorkflowClient.start(workflow::pass, "job").getWorkflowId();
        awaitFirstWorkflowTask(workflowId);
        WorkflowStub stub = WorkflowStub.fromTyped(workflow);

        // when an operator terminates it
        stub.terminate("operator said so");

        // then waiting for its result fails with a termination, and the execution is TERMINATED
        WorkflowFailedException failure =
                catchThrowableOfType(WorkflowFailedException.class, () -> stub.getResult(String.class));
        assertThat(failure).isNotNull();
        assertThat(failure.getCause()).isInstanceOf(TerminatedFailure.class);
        assertThat(failure.getCause().getMessage()).contains("operator said so");
        assertThat(describe(workflowId).getWorkflowExecutionInfo().getStatus())
                .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED);
    }

    @Test
    void terminationIsTheLastEventAndCarriesReasonAndIdentity() {
        // given
        GateWorkflow workflow = newWorkflow(GateWorkflow.class);
        String workflowId = WorkflowClient.start(workflow::pass, "job").getWorkflowId();
        awaitFirstWorkflowTask(workflowId);

        // when
        WorkflowStub.fromTyped(workflow).terminate("cleanup of stale jobs");

        // then
        List<HistoryEvent> events = history(workflowId);
        HistoryEvent last = events.get(events.size() - 1);
        assertThat(last.getEventType()).isEqualTo(EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED);
        WorkflowExecutionTerminatedEventAttributes attributes = last.getWorkflowExecutionTerminatedEventAttributes();
        assertThat(attributes.getReason()).isEqualTo("cleanup of stale jobs");
        assertThat(attributes.getIdentity()).isEqualTo(client.getOptions().getIdentity());
    }

    @Test
    void signalToATerminatedWorkflowIsRejected() {
        // given a terminated workflow
        GateWorkflow workflow = newWorkflow(GateWorkflow.class);
        String workflowId = WorkflowClient.start(workflow::pass, "job").getWorkflowId();
        awaitFirstWorkflowTask(workflowId);
        WorkflowStub.fromTyped(workflow).terminate("done with it");
        int eventsAfterTermination = history(workflowId).size();

        // when it is signalled and terminated again
        Throwable signal = catchThrowable(() -> workflow.open("too late"));
        Throwable terminateAgain = catchThrowable(() -> WorkflowStub.fromTyped(workflow).terminate("again"));

        // then both are refused as "not found" (the execution is closed) and nothing is appended to its history
        assertThat(signal).isInstanceOf(WorkflowNotFoundException.class);
        assertThat(terminateAgain).isInstanceOf(WorkflowNotFoundException.class);
        assertThat(history(workflowId)).hasSize(eventsAfterTermination);
    }

    private void awaitFirstWorkflowTask(String workflowId) {
        Poll.until(
                Duration.ofSeconds(10),
                () -> historyContains(workflowId, EVENT_TYPE_WORKFLOW_TASK_COMPLETED),
                "first workflow task of " + workflowId + " completed");
    }
}
