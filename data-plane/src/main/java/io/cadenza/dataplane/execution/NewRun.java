package io.cadenza.dataplane.execution;

import io.cadenza.dataplane.common.ExecutionKey;
import io.cadenza.dataplane.common.Protos;
import io.cadenza.dataplane.execution.state.MutableState;
import io.cadenza.dataplane.execution.state.ParentRef;
import io.cadenza.dataplane.namespace.Namespace;
import io.temporal.api.common.v1.Header;
import io.temporal.api.common.v1.Memo;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.common.v1.Priority;
import io.temporal.api.common.v1.RetryPolicy;
import io.temporal.api.common.v1.SearchAttributes;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.common.v1.WorkflowType;
import io.temporal.api.enums.v1.ContinueAsNewInitiator;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.TaskQueueKind;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.WorkflowExecutionStartedEventAttributes;
import io.temporal.api.taskqueue.v1.TaskQueue;

/**
 * Everything a run can be started with, from a client's StartWorkflowExecution, a continue-as-new, a cron
 * successor or a parent's StartChildWorkflowExecution; {@link #firstEvents} turns it into the run's initial
 * mutable state and events (WorkflowExecutionStarted, then WorkflowTaskScheduled unless the first task is
 * delayed).
 */
public final class NewRun {

    static final long MAX_WORKFLOW_TASK_TIMEOUT_MILLIS = 120_000;

    public String workflowId;
    public String runId;
    public String workflowType;
    public String taskQueue;
    public Payloads input;
    public long executionTimeoutMillis;
    public long runTimeoutMillis;
    public long taskTimeoutMillis;
    /** Delay before the first workflow task (start delay, continue-as-new backoff, cron backoff). */
    public long firstTaskDelayMillis;
    public String identity = "";
    public String requestId;
    public RetryPolicy retryPolicy;
    public String cronSchedule = "";
    public Memo memo;
    public SearchAttributes searchAttributes;
    public Header header;
    public Priority priority;
    public int attempt = 1;
    /** Lineage: the chain's first run, the run this one continues, why, and what that run left behind. */
    public String firstRunId;
    public String continuedFromRunId;
    public ContinueAsNewInitiator initiator;
    public Failure continuedFailure;
    public Payloads lastCompletionResult;
    /** Absolute deadline of the whole chain (continue-as-new keeps it); 0 means derive from the timeout. */
    public long executionExpirationMillis;
    public ParentRef parent;

    /**
     * A cron workflow's first run waits for the first cron time (on top of any start delay).
     *
     * @throws IllegalArgumentException if the cron schedule is malformed
     */
    public void delayFirstRunToCronTime(long nowMillis) {
        if (cronSchedule != null && !cronSchedule.isEmpty()) {
            firstTaskDelayMillis += io.cadenza.dataplane.schedule.spec.CronSchedule.parse(cronSchedule)
                    .firstRunBackoff(java.time.Instant.ofEpochMilli(nowMillis)).toMillis();
        }
    }

    /** Builds the new run's first events and state, as of {@code now}. */
    public ExecutionContext firstEvents(Namespace ns, long now, long defaultTaskTimeoutMillis) {
        long executionTimeout = executionTimeoutMillis;
        long runTimeout = runTimeoutMillis;
        if (runTimeout == 0 || (executionTimeout > 0 && runTimeout > executionTimeout)) {
            runTimeout = executionTimeout;
        }
        long taskTimeout = taskTimeoutMillis == 0 ? defaultTaskTimeoutMillis : taskTimeoutMillis;
        taskTimeout = Math.min(taskTimeout, MAX_WORKFLOW_TASK_TIMEOUT_MILLIS);
        if (runTimeout > 0) {
            taskTimeout = Math.min(taskTimeout, runTimeout);
        }
        long expiration = executionExpirationMillis > 0 ? executionExpirationMillis
                : executionTimeout > 0 ? now + executionTimeout : 0;

        // The WorkflowExecutionStarted applier derives the run's state from the event; the start request id (a
        // dedup key the event does not carry) is set below.
        MutableState state = new MutableState();
        ExecutionContext ctx = new ExecutionContext(new ExecutionKey(ns.id(), workflowId, runId), state, ns, now);
        WorkflowExecutionStartedEventAttributes.Builder started = WorkflowExecutionStartedEventAttributes.newBuilder()
                .setWorkflowType(WorkflowType.newBuilder().setName(workflowType))
                .setTaskQueue(TaskQueue.newBuilder().setName(taskQueue).setKind(TaskQueueKind.TASK_QUEUE_KIND_NORMAL))
                .setWorkflowExecutionTimeout(Protos.duration(executionTimeout))
                .setWorkflowRunTimeout(Protos.duration(runTimeout))
                .setWorkflowTaskTimeout(Protos.duration(taskTimeout))
                .setOriginalExecutionRunId(runId)
                .setFirstExecutionRunId(firstRunId == null ? runId : firstRunId)
                .setIdentity(identity == null ? "" : identity)
                .setAttempt(attempt)
                .setCronSchedule(cronSchedule == null ? "" : cronSchedule)
                .setWorkflowId(workflowId);
        if (input != null) {
            started.setInput(input);
        }
        if (retryPolicy != null) {
            started.setRetryPolicy(retryPolicy);
        }
        if (expiration > 0) {
            started.setWorkflowExecutionExpirationTime(Protos.timestamp(expiration));
        }
        if (firstTaskDelayMillis > 0) {
            started.setFirstWorkflowTaskBackoff(Protos.duration(firstTaskDelayMillis));
        }
        if (memo != null) {
            started.setMemo(memo);
        }
        if (searchAttributes != null) {
            started.setSearchAttributes(searchAttributes);
        }
        if (header != null) {
            started.setHeader(header);
        }
        if (priority != null) {
            started.setPriority(priority);
        }
        if (continuedFromRunId != null) {
            started.setContinuedExecutionRunId(continuedFromRunId);
            if (initiator != null) {
                started.setInitiator(initiator);
            }
        }
        if (continuedFailure != null) {
            started.setContinuedFailure(continuedFailure);
        }
        if (lastCompletionResult != null) {
            started.setLastCompletionResult(lastCompletionResult);
        }
        if (parent != null) {
            started.setParentWorkflowNamespace(parent.namespaceName)
                    .setParentWorkflowNamespaceId(parent.namespaceId)
                    .setParentWorkflowExecution(WorkflowExecution.newBuilder()
                            .setWorkflowId(parent.workflowId).setRunId(parent.runId))
                    .setParentInitiatedEventId(parent.initiatedEventId);
            if (parent.rootWorkflowId != null) {
                started.setRootWorkflowExecution(WorkflowExecution.newBuilder().setWorkflowId(parent.rootWorkflowId));
            }
        }
        ctx.addEvent(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED,
                HistoryEvent.newBuilder().setWorkflowExecutionStartedEventAttributes(started));
        state.info.startRequestId = requestId;
        state.rememberRequestId(requestId);
        return ctx;
    }

    /** Schedules the first workflow task now, or marks the run as waiting for its delayed first task. */
    public void scheduleFirstWorkflowTask(ExecutionContext ctx) {
        // A delayed run waits (the WorkflowExecutionStarted applier marked it awaitingFirstWorkflowTask).
        if (firstTaskDelayMillis <= 0) {
            ctx.scheduleWorkflowTask();
        }
    }
}
