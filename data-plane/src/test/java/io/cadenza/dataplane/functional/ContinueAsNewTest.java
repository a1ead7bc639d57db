package io.cadenza.dataplane.functional;

import static io.temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW;
import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.dataplane.testing.SdkTestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.client.WorkflowStub;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
public class ContinueAsNewTest extends SdkTestSupport {

    @WorkflowInterface
    public interface CountingWorkflow {
        @WorkflowMethod
        int count(int current, int target);
    }

    public static class CountingWorkflowImpl implements CountingWorkflow {
        @Override
        public int count(int current, int target) {
            if (current < target) {
                Workflow.continueAsNew(current + 1, target);
            }
            return current;
        }
    }

    @Test
    void aChainOfRunsEndsWithTheLastRunsResultAndEveryRunKeepsItsHistory() {
        // given
        newWorker().registerWorkflowImplementationTypes(CountingWorkflowImpl.class);
        startWorkers();
        CountingWorkflow workflow = newWorkflow(CountingWorkflow.class);

        // when the workflow continues as new four times
        int result = workflow.count(0, 4);

        // then the client follows the chain to the last run's result
        assertThat(result).isEqualTo(4);
        WorkflowExecution first = WorkflowStub.fromTyped(workflow).getExecution();
        List<HistoryEvent> firstHistory = rawStub().getWorkflowExecutionHistory(GetWorkflowExecutionHistoryRequest
                .newBuilder().setNamespace(NAMESPACE).setExecution(first).build()).getHistory().getEventsList();
        HistoryEvent last = firstHistory.get(firstHistory.size() - 1);
        assertThat(last.getEventType()).isEqualTo(EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW);
        String secondRunId = last.getWorkflowExecutionContinuedAsNewEventAttributes().getNewExecutionRunId();

        // and the second run links back to the first and shares its first run id
        var secondStarted = rawStub().getWorkflowExecutionHistory(GetWorkflowExecutionHistoryRequest.newBuilder()
                .setNamespace(NAMESPACE).setExecution(WorkflowExecution.newBuilder()
                        .setWorkflowId(first.getWorkflowId()).setRunId(secondRunId)).build())
                .getHistory().getEvents(0).getWorkflowExecutionStartedEventAttributes();
        assertThat(secondStarted.getContinuedExecutionRunId()).isEqualTo(first.getRunId());
        assertThat(secondStarted.getFirstExecutionRunId()).isEqualTo(first.getRunId());
        var firstInfo = rawStub().describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace(NAMESPACE).setExecution(first).build()).getWorkflowExecutionInfo();
        assertThat(firstInfo.getStatus()).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW);
        assertThat(describe(first.getWorkflowId()).getWorkflowExecutionInfo().getStatus())
                .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
    }
}
