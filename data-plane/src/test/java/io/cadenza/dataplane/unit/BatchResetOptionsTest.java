package io.cadenza.dataplane.unit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.Empty;
import io.cadenza.dataplane.batch.BatchOperations;
import io.cadenza.dataplane.common.error.CadenzaException.Kind;
import io.cadenza.dataplane.common.error.CadenzaException;
import io.temporal.api.batch.v1.BatchOperationReset;
import io.temporal.api.common.v1.ResetOptions;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.ResetReapplyType;
import io.temporal.api.enums.v1.ResetType;
import io.temporal.api.history.v1.HistoryEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reset point of a batch reset: options or the deprecated type fields, first or last completed workflow task. */
class BatchResetOptionsTest {

    private static List<HistoryEvent> history(EventType... types) {
        List<HistoryEvent> events = new ArrayList<>();
        for (EventType t : types) {
            events.add(HistoryEvent.newBuilder().setEventId(events.size() + 1).setEventType(t).build());
        }
        return events;
    }

    private static final List<HistoryEvent> TWO_TASKS = history(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED,
            EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED, EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED,
            EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED,
            EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED, EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED,
            EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED);

    @Test
    void firstAndLastWorkflowTaskByOptions() {
        assertThat(BatchOperations.resetPoint(ResetOptions.newBuilder().setFirstWorkflowTask(Empty.getDefaultInstance())
                .build(), TWO_TASKS)).isEqualTo(4);
        assertThat(BatchOperations.resetPoint(ResetOptions.newBuilder().setLastWorkflowTask(Empty.getDefaultInstance())
                .build(), TWO_TASKS)).isEqualTo(8);
        assertThat(BatchOperations.resetPoint(ResetOptions.newBuilder().setWorkflowTaskId(4).build(), TWO_TASKS))
                .isEqualTo(4);
    }

    @Test
    void deprecatedTypeFieldsBecomeOptionsAndReapplySignalsByDefault() {
        ResetOptions first = BatchOperations.options(BatchOperationReset.newBuilder()
                .setResetType(ResetType.RESET_TYPE_FIRST_WORKFLOW_TASK).build());
        assertThat(first.hasFirstWorkflowTask()).isTrue();
        assertThat(first.getResetReapplyType()).isEqualTo(ResetReapplyType.RESET_REAPPLY_TYPE_SIGNAL);
        ResetOptions last = BatchOperations.options(BatchOperationReset.newBuilder()
                .setResetType(ResetType.RESET_TYPE_LAST_WORKFLOW_TASK)
                .setResetReapplyType(ResetReapplyType.RESET_REAPPLY_TYPE_NONE).build());
        assertThat(last.hasLastWorkflowTask()).isTrue();
        assertThat(last.getResetReapplyType()).isEqualTo(ResetReapplyType.RESET_REAPPLY_TYPE_NONE);
        ResetOptions given = ResetOptions.newBuilder().setWorkflowTaskId(7).build();
        assertThat(BatchOperations.options(BatchOperationReset.newBuilder().setOptions(given)
                .setResetType(ResetType.RESET_TYPE_FIRST_WORKFLOW_TASK).build())).isEqualTo(given);
    }

    @Test
    void aRunWithoutCompletedWorkflowTaskCannotBeReset() {
        CadenzaException e = catchThrowableOfType(CadenzaException.class, () -> BatchOperations
                .resetPoint(ResetOptions.newBuilder().setFirstWorkflowTask(Empty.getDefaultInstance()).build(),
                        history(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED,
                                EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED)));
        assertThat(e.kind()).isEqualTo(Kind.FAILED_PRECONDITION);
    }
}
