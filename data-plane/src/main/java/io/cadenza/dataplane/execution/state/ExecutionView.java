package io.cadenza.dataplane.execution.state;

import io.cadenza.dataplane.execution.activity.ActivityInfo;
import io.cadenza.dataplane.execution.child.ChildInfo;
import io.cadenza.dataplane.execution.child.ExternalRequest;
import io.cadenza.dataplane.execution.timer.TimerInfo;
import io.cadenza.dataplane.execution.update.UpdateInfo;
import io.cadenza.dataplane.execution.workflowtask.WorkflowTaskInfo;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import java.util.Collection;

/**
 * A read-only view of one run's mutable state, for readers (describe, history long-polls, queries, transfers that
 * only look): {@code ExecutionManager.read} hands it out in the run's serial order, between updates. Collections are
 * unmodifiable; the entity records they hold must be treated as read-only too.
 */
public interface ExecutionView {

    ExecutionInfo info();

    WorkflowExecutionStatus statusEnum();

    boolean isRunning();

    long nextEventId();

    /** started_event_id of the last completed workflow task (0 before the first one completed). */
    long previousStartedEventId();

    /** The sticky queue of the worker that completed the last workflow task, or null. */
    String stickyQueue();

    long stickyScheduleToStartMillis();

    long historySizeBytes();

    long stateTransitionCount();

    long closeTimeMillis();

    boolean cancelRequested();

    /** Memo and SearchAttributes proto bytes (null when none). */
    byte[] memoBytes();

    byte[] searchAttributesBytes();

    /** The outstanding workflow task, or null. */
    WorkflowTaskInfo pendingWorkflowTask();

    boolean hasStartedWorkflowTask();

    Collection<ActivityInfo> pendingActivities();

    ActivityInfo pendingActivity(long scheduledEventId);

    Collection<TimerInfo> pendingTimers();

    Collection<ChildInfo> pendingChildren();

    ChildInfo pendingChild(long initiatedEventId);

    Collection<ExternalRequest> pendingExternalRequests();

    UpdateInfo update(String updateId);
}
