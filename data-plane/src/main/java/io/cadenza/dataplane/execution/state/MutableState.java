package io.cadenza.dataplane.execution.state;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.cadenza.dataplane.execution.activity.ActivityInfo;
import io.cadenza.dataplane.execution.timer.TimerInfo;
import io.cadenza.dataplane.execution.workflowtask.WorkflowTaskInfo;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Everything the engine must remember about one run besides its history: the pending workflow task,
 * activities and timers, events buffered behind an in-flight workflow task, and dedup sets. Serialized as JSON
 * into {@code executions.state}; protos inside are kept as their wire bytes. Fields marked {@link JsonIgnore}
 * (in the entity classes) describe work handed to a worker and live only in the owning instance's memory.
 *
 * <p>What history events do to it is written once, in {@code execution.apply.EventAppliers}. Fields no event
 * carries are changed by the transitions directly: {@link #bufferedEvents}, {@link #requestIds} (dedup window),
 * {@link #stickyQueue} / {@link #stickyScheduleToStartMillis} (the worker's cache, from the task completion
 * request), {@link #stateTransitionCount}, {@code info.startRequestId}, a transient workflow task and a task's move
 * off a sticky queue, an activity's attempt progress (attempt, backoff, last failure, heartbeat, human-task inbox
 * reference), and admitted or rejected updates. Readers get it as an {@link ExecutionView}.
 */
public final class MutableState implements ExecutionView {

    /** How many signal request ids to remember for deduplication. */
    public static final int SIGNAL_DEDUP_WINDOW = 100;

    public ExecutionInfo info;
    public int status = WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING_VALUE;
    public long nextEventId = 1;
    /** started_event_id of the last completed workflow task (previous_started_event_id for the next one). */
    public long previousStartedEventId;
    public WorkflowTaskInfo workflowTask;
    public Map<Long, ActivityInfo> activities = new LinkedHashMap<>();
    public Map<String, TimerInfo> timers = new LinkedHashMap<>();
    public Map<Long, io.cadenza.dataplane.execution.child.ChildInfo> children = new LinkedHashMap<>();
    public Map<Long, io.cadenza.dataplane.execution.child.ExternalRequest> externalRequests = new LinkedHashMap<>();
    public Map<String, io.cadenza.dataplane.execution.update.UpdateInfo> updates = new LinkedHashMap<>();
    /** HistoryEvent protos (without ids) that arrived while a workflow task was started. */
    public List<byte[]> bufferedEvents = new ArrayList<>();
    public boolean cancelRequested;
    /** For cron and retried workflows: the input every run of the chain starts with (Payloads bytes). */
    public byte[] cronInput;
    /** Set while a delayed start waits for its first workflow task (until info.executionTimeMillis). */
    public boolean awaitingFirstWorkflowTask;
    public LinkedHashSet<String> requestIds = new LinkedHashSet<>();
    /** Sticky queue of the worker that completed the last workflow task, if it asked for one. */
    public String stickyQueue;
    public long stickyScheduleToStartMillis;
    /** Memo and search attributes as proto bytes (Memo, SearchAttributes). */
    public byte[] memo;
    public byte[] searchAttributes;
    public long closeTimeMillis;
    public long historySizeBytes;
    public long stateTransitionCount;

    @Override
    @JsonIgnore
    public WorkflowExecutionStatus statusEnum() {
        return WorkflowExecutionStatus.forNumber(status);
    }

    @Override
    @JsonIgnore
    public boolean isRunning() {
        return status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING_VALUE;
    }

    @Override
    @JsonIgnore
    public boolean hasStartedWorkflowTask() {
        return workflowTask != null && workflowTask.isStarted();
    }

    /** Remembers a request id; returns false if it was seen before. */
    public boolean rememberRequestId(String requestId) {
        if (requestId == null || requestId.isEmpty()) {
            return true;
        }
        if (!requestIds.add(requestId)) {
            return false;
        }
        while (requestIds.size() > SIGNAL_DEDUP_WINDOW) {
            requestIds.remove(requestIds.iterator().next());
        }
        return true;
    }

    // ---- ExecutionView ----

    @Override
    public ExecutionInfo info() {
        return info;
    }

    @Override
    public long nextEventId() {
        return nextEventId;
    }

    @Override
    public long previousStartedEventId() {
        return previousStartedEventId;
    }

    @Override
    public String stickyQueue() {
        return stickyQueue;
    }

    @Override
    public long stickyScheduleToStartMillis() {
        return stickyScheduleToStartMillis;
    }

    @Override
    public long historySizeBytes() {
        return historySizeBytes;
    }

    @Override
    public long stateTransitionCount() {
        return stateTransitionCount;
    }

    @Override
    public long closeTimeMillis() {
        return closeTimeMillis;
    }

    @Override
    public boolean cancelRequested() {
        return cancelRequested;
    }

    @Override
    public byte[] memoBytes() {
        return memo;
    }

    @Override
    public byte[] searchAttributesBytes() {
        return searchAttributes;
    }

    @Override
    public WorkflowTaskInfo pendingWorkflowTask() {
        return workflowTask;
    }

    @Override
    public java.util.Collection<ActivityInfo> pendingActivities() {
        return java.util.Collections.unmodifiableCollection(activities.values());
    }

    @Override
    public ActivityInfo pendingActivity(long scheduledEventId) {
        return activities.get(scheduledEventId);
    }

    @Override
    public java.util.Collection<TimerInfo> pendingTimers() {
        return java.util.Collections.unmodifiableCollection(timers.values());
    }

    @Override
    public java.util.Collection<io.cadenza.dataplane.execution.child.ChildInfo> pendingChildren() {
        return java.util.Collections.unmodifiableCollection(children.values());
    }

    @Override
    public io.cadenza.dataplane.execution.child.ChildInfo pendingChild(long initiatedEventId) {
        return children.get(initiatedEventId);
    }

    @Override
    public java.util.Collection<io.cadenza.dataplane.execution.child.ExternalRequest> pendingExternalRequests() {
        return java.util.Collections.unmodifiableCollection(externalRequests.values());
    }

    @Override
    public io.cadenza.dataplane.execution.update.UpdateInfo update(String updateId) {
        return updates.get(updateId);
    }

    public ActivityInfo activityById(String activityId) {
        for (ActivityInfo a : activities.values()) {
            if (a.activityId.equals(activityId)) {
                return a;
            }
        }
        return null;
    }
}
