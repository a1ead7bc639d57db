package io.cadenza.dataplane.functional;

import static io.temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cadenza.dataplane.testing.Histories;
import io.cadenza.dataplane.testing.SdkTestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A workflow that throws an ApplicationFailure closes as FAILED and the client gets the failure back intact. */
@QuarkusTest
public class WorkflowFailureTest extends SdkTestSupport {

    @WorkflowInterface
    public interface OrderWorkflow {
        @WorkflowMethod
        String place(int orderId);
    }

    public static class OrderWorkflowImpl implements OrderWorkflow {
        @Override
        public String place(int orderId) {
            throw ApplicationFailure.newFailure(
                    "order " + orderId + " rejected", "OrderRejected", "out of stock", orderId);
        }
    }

    @BeforeEach
    void startWorker() {
        newWorker().registerWorkflowImplementationTypes(OrderWorkflowImpl.class);
        startWorkers();
    }

    @Test
    void clientReceivesTheWorkflowsApplicationFailure() {
        // given
        OrderWorkflow workflow = newWorkflow(OrderWorkflow.class);

        // when the workflow throws
        WorkflowFailedException failed = catchThrowableOfType(WorkflowFailedException.class, () -> workflow.place(42));

        // then the client's exception carries the failure's message, type and details
        assertThat(failed).isNotNull();
        assertThat(failed.getCause()).isInstanceOf(ApplicationFailure.class);
        ApplicationFailure cause = (ApplicationFailure) failed.getCause();
        assertThat(cause.getOriginalMessage()).isEqualTo("order 42 rejected");
        assertThat(cause.getType()).isEqualTo("OrderRejected");
        assertThat(cause.getDetails().get(0, String.class)).isEqualTo("out of stock");
        assertThat(cause.getDetails().get(1, Integer.class)).isEqualTo(42);
    }

    @Test
    void failedWorkflowIsClosedAsFailedWithTheFailureInHistory() {
        // given
        OrderWorkflow workflow = newWorkflow(OrderWorkflow.class);

        // when
        catchThrowableOfType(WorkflowFailedException.class, () -> workflow.place(7));

        // then
        String workflowId = WorkflowStub.fromTyped(workflow).getExecution().getWorkflowId();
        assertThat(describe(workflowId).getWorkflowExecutionInfo().getStatus())
                .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_FAILED);
        List<HistoryEvent> events = history(workflowId);
        Histories.assertWellFormed(workflowId, events, EVENT_TYPE_WORKFLOW_EXECUTION_FAILED);
        HistoryEvent failedEvent = events.get(events.size() - 1);
        assertThat(failedEvent.getWorkflowExecutionFailedEventAttributes().getFailure().getMessage())
                .isEqualTo("order 7 rejected");
        assertThat(
                        failedEvent
                                .getWorkflowExecutionFailedEventAttributes()
                                .getFailure()
                                .getApplicationFailureInfo()
                                .getType())
                .isEqualTo("OrderRejected");
    }
}
