package io.cadenza.dataplane.execution.state;

import io.cadenza.dataplane.common.TransitionTable;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;

/** Transitions of a run's status; every closing event is allowed only from RUNNING. */
public final class WorkflowStatus {

    public enum Event { COMPLETE, FAIL, CANCEL, TERMINATE, TIME_OUT, CONTINUE_AS_NEW }

    public static final TransitionTable<WorkflowExecutionStatus, Event> TABLE =
            TransitionTable.of("workflow execution", WorkflowExecutionStatus.class, Event.class)
                    .add(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING, Event.COMPLETE,
                            WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED)
                    .add(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING, Event.FAIL,
                            WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_FAILED)
                    .add(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING, Event.CANCEL,
                            WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED)
                    .add(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING, Event.TERMINATE,
                            WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED)
                    .add(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING, Event.TIME_OUT,
                            WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TIMED_OUT)
                    .add(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING, Event.CONTINUE_AS_NEW,
                            WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW);

    private WorkflowStatus() {
    }
}
