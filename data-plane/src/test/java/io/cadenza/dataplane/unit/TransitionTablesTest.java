package io.cadenza.dataplane.unit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cadenza.dataplane.execution.activity.ActivityState;
import io.cadenza.dataplane.execution.state.WorkflowStatus;
import io.cadenza.dataplane.execution.workflowtask.WorkflowTaskState;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import org.junit.jupiter.api.Test;

/** The state machines' tables: the moves the engine relies on exist, and impossible ones fail loudly. */
class TransitionTablesTest {

    @Test
    void anActivityIsRetriedThroughBackoffAndDispatchedAgain() {
        ActivityState s = ActivityState.SCHEDULED;
        s = ActivityState.TABLE.next(s, ActivityState.Event.START);
        s = ActivityState.TABLE.next(s, ActivityState.Event.RETRY);
        assertThat(s).isEqualTo(ActivityState.BACKOFF);
        s = ActivityState.TABLE.next(s, ActivityState.Event.BACKOFF_ELAPSED);
        assertThat(s).isEqualTo(ActivityState.SCHEDULED);
    }

    @Test
    void onlyAStartedActivityCanCompleteOrFail() {
        assertThatThrownBy(() -> ActivityState.TABLE.next(ActivityState.SCHEDULED, ActivityState.Event.COMPLETE))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("SCHEDULED");
        assertThatThrownBy(() -> ActivityState.TABLE.next(ActivityState.BACKOFF, ActivityState.Event.FAIL))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aStartedActivityLostWithItsWorkerIsScheduledAgain() {
        assertThat(ActivityState.TABLE.next(ActivityState.STARTED, ActivityState.Event.LOSE_WORKER))
                .isEqualTo(ActivityState.SCHEDULED);
    }

    @Test
    void aWorkflowTaskMustBeStartedBeforeItCompletes() {
        assertThatThrownBy(() -> WorkflowTaskState.TABLE.next(WorkflowTaskState.SCHEDULED,
                WorkflowTaskState.Event.COMPLETE)).isInstanceOf(IllegalStateException.class);
        assertThat(WorkflowTaskState.TABLE.next(WorkflowTaskState.SCHEDULED,
                WorkflowTaskState.Event.MOVE_TO_NORMAL_QUEUE)).isEqualTo(WorkflowTaskState.SCHEDULED);
    }

    @Test
    void aClosedWorkflowCannotCloseAgain() {
        WorkflowExecutionStatus done = WorkflowStatus.TABLE.next(
                WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING, WorkflowStatus.Event.COMPLETE);
        assertThat(done).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
        assertThatThrownBy(() -> WorkflowStatus.TABLE.next(done, WorkflowStatus.Event.TERMINATE))
                .isInstanceOf(IllegalStateException.class);
    }
}
