package io.cadenza.dashboard.backend;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.enums.v1.BatchOperationState;
import io.temporal.api.enums.v1.BatchOperationType;
import io.temporal.api.workflowservice.v1.DescribeBatchOperationResponse;
import org.junit.jupiter.api.Test;

/** How the dashboard words a batch: the filter it acts on, its progress, state and action. */
class BatchServiceTest {

    @Test
    void aBatchActsOnTheRunningWorkflowsOfTheFilter() {
        assertThat(BatchService.runningOnly("")).isEqualTo("ExecutionStatus = 'Running'");
        assertThat(BatchService.runningOnly("WorkflowType = 'A' OR WorkflowType = 'B'"))
                .isEqualTo("(WorkflowType = 'A' OR WorkflowType = 'B') AND ExecutionStatus = 'Running'");
    }

    @Test
    void progressStateAndActionReadAsWords() {
        assertThat(BatchService.progress(DescribeBatchOperationResponse.newBuilder().setTotalOperationCount(50)
                .setCompleteOperationCount(11).setFailureOperationCount(1).build())).isEqualTo("12 of 50 done, 1 failed");
        assertThat(BatchService.progress(DescribeBatchOperationResponse.newBuilder().setTotalOperationCount(6)
                .setCompleteOperationCount(6).build())).isEqualTo("6 of 6 done");
        assertThat(BatchService.state(BatchOperationState.BATCH_OPERATION_STATE_FAILED)).isEqualTo("Stopped or failed");
        assertThat(BatchService.action(BatchOperationType.BATCH_OPERATION_TYPE_TERMINATE)).isEqualTo("Terminate");
        assertThat(BatchService.action(BatchOperationType.BATCH_OPERATION_TYPE_SIGNAL_WORKFLOW)).isEqualTo("Signal");
    }
}
