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
 */
public final class MutableState {

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

    @JsonIgnore
    public WorkflowExecutionStatus statusEnum() {
        return WorkflowExecutionStatus.forNumber(status);
    }

    @JsonIgnore
    public boolean isRunning() {
        return status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING_VALUE;
    }

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

    public ActivityInfo activityById(String activityId) {
        for (ActivityInfo a : activities.values()) {
            if (a.activityId.equals(activityId)) {
                return a;
            }
        }
        return null;
    }
}
