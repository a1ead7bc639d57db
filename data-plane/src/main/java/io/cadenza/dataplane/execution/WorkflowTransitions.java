package io.cadenza.dataplane.execution;

import io.cadenza.dataplane.common.ExecutionKey;
import io.cadenza.dataplane.common.Protos;
import io.cadenza.dataplane.execution.child.ChildInfo;
import io.cadenza.dataplane.execution.state.ExecutionInfo;
import io.cadenza.dataplane.execution.state.MutableState;
import io.cadenza.dataplane.execution.state.WorkflowStatus;
import io.temporal.api.command.v1.ContinueAsNewWorkflowExecutionCommandAttributes;
import io.temporal.api.common.v1.Header;
import io.temporal.api.common.v1.Memo;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.common.v1.RetryPolicy;
import io.temporal.api.common.v1.SearchAttributes;
import io.temporal.api.enums.v1.ContinueAsNewInitiator;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.api.enums.v1.RetryState;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.WorkflowExecutionCancelRequestedEventAttributes;
import io.temporal.api.history.v1.WorkflowExecutionCanceledEventAttributes;
import io.temporal.api.history.v1.WorkflowExecutionCompletedEventAttributes;
import io.temporal.api.history.v1.WorkflowExecutionContinuedAsNewEventAttributes;
import io.temporal.api.history.v1.WorkflowExecutionFailedEventAttributes;
import io.temporal.api.history.v1.WorkflowExecutionSignaledEventAttributes;
import io.temporal.api.history.v1.WorkflowExecutionTerminatedEventAttributes;
import io.temporal.api.history.v1.WorkflowExecutionTimedOutEventAttributes;

/** Changes to the run as a whole: signals, cancellation requests, and the events that close it. */
public final class WorkflowTransitions {

    private WorkflowTransitions() {
    }

    public static void signal(ExecutionContext ctx, String name, Payloads input, Header header, String identity,
                              String requestId) {
        WorkflowExecutionSignaledEventAttributes.Builder attrs = WorkflowExecutionSignaledEventAttributes.newBuilder()
                .setSignalName(name).setIdentity(identity == null ? "" : identity)
                .setRequestId(requestId == null ? "" : requestId);
        if (input != null) {
            attrs.setInput(input);
        }
        if (header != null) {
            attrs.setHeader(header);
        }
        ctx.addEvent(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED,
                HistoryEvent.newBuilder().setWorkflowExecutionSignaledEventAttributes(attrs));
        ctx.scheduleWorkflowTask();
    }

    public static void requestCancel(ExecutionContext ctx, String reason, String identity) {
        MutableState state = ctx.state();
        if (state.cancelRequested) {
            return;
        }
        ctx.addEvent(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCEL_REQUESTED, HistoryEvent.newBuilder()
                .setWorkflowExecutionCancelRequestedEventAttributes(
                        WorkflowExecutionCancelRequestedEventAttributes.newBuilder()
                                .setCause(reason == null ? "" : reason).setIdentity(identity == null ? "" : identity)));
        ctx.scheduleWorkflowTask();
    }

    /** Terminates the run; an in-flight workflow task is dropped (its worker's answer will be refused). */
    public static void terminate(ExecutionContext ctx, String reason, Payloads details, String identity) {
        dropWorkflowTask(ctx);
        WorkflowExecutionTerminatedEventAttributes.Builder attrs = WorkflowExecutionTerminatedEventAttributes
                .newBuilder().setReason(reason == null ? "" : reason).setIdentity(identity == null ? "" : identity);
        if (details != null) {
            attrs.setDetails(details);
        }
        close(ctx, WorkflowStatus.Event.TERMINATE, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED,
                HistoryEvent.newBuilder().setWorkflowExecutionTerminatedEventAttributes(attrs));
    }

    public static void timeOut(ExecutionContext ctx) {
        dropWorkflowTask(ctx);
        Failure timeout = Failure.newBuilder().setMessage("workflow run timed out").setSource("Server")
                .setTimeoutFailureInfo(io.temporal.api.failure.v1.TimeoutFailureInfo.newBuilder()
                        .setTimeoutType(io.temporal.api.enums.v1.TimeoutType.TIMEOUT_TYPE_START_TO_CLOSE)).build();
        Retry retry = retrySuccessor(ctx, timeout);
        ExecutionContext next = retry.next() != null ? retry.next() : cronSuccessor(ctx, null, null);
        WorkflowExecutionTimedOutEventAttributes.Builder attrs = WorkflowExecutionTimedOutEventAttributes.newBuilder()
                .setRetryState(retry.state());
        if (next != null) {
            attrs.setNewExecutionRunId(next.key().runId());
        }
        close(ctx, WorkflowStatus.Event.TIME_OUT, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT,
                HistoryEvent.newBuilder().setWorkflowExecutionTimedOutEventAttributes(attrs));
        continueCron(ctx, next);
    }

    public static void complete(ExecutionContext ctx, Payloads result, long workflowTaskCompletedEventId) {
        ExecutionContext next = cronSuccessor(ctx, result, null);
        WorkflowExecutionCompletedEventAttributes.Builder attrs = WorkflowExecutionCompletedEventAttributes
                .newBuilder().setWorkflowTaskCompletedEventId(workflowTaskCompletedEventId);
        if (result != null) {
            attrs.setResult(result);
        }
        if (next != null) {
            attrs.setNewExecutionRunId(next.key().runId());
        }
        close(ctx, WorkflowStatus.Event.COMPLETE, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED,
                HistoryEvent.newBuilder().setWorkflowExecutionCompletedEventAttributes(attrs));
        continueCron(ctx, next);
    }

    public static void fail(ExecutionContext ctx, Failure failure, long workflowTaskCompletedEventId) {
        Retry retry = retrySuccessor(ctx, failure);
        ExecutionContext next = retry.next() != null ? retry.next() : cronSuccessor(ctx, null, failure);
        WorkflowExecutionFailedEventAttributes.Builder attrs = WorkflowExecutionFailedEventAttributes.newBuilder()
                .setFailure(failure).setRetryState(retry.state())
                .setWorkflowTaskCompletedEventId(workflowTaskCompletedEventId);
        if (next != null) {
            attrs.setNewExecutionRunId(next.key().runId());
        }
        close(ctx, WorkflowStatus.Event.FAIL, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED,
                HistoryEvent.newBuilder().setWorkflowExecutionFailedEventAttributes(attrs));
        continueCron(ctx, next);
    }

    /** The retry decision for a failed or timed-out run, and the retry run when there is one. */
    private record Retry(RetryState state, ExecutionContext next) {
    }

    /**
     * A workflow started with a retry policy is retried, as in Temporal, by a new run of the same workflow id
     * (attempt + 1) after the policy's backoff, unless the failure is not retryable, the attempts are used up, or
     * the retry would start after the execution timeout.
     */
    private static Retry retrySuccessor(ExecutionContext ctx, Failure failure) {
        ExecutionInfo info = ctx.state().info;
        RetryPolicy policy = Protos.parse(RetryPolicy.parser(), info.retryPolicy, null);
        if (policy == null) {
            return new Retry(RetryState.RETRY_STATE_RETRY_POLICY_NOT_SET, null);
        }
        var decision = io.cadenza.dataplane.execution.activity.RetryPolicies.decide(
                io.cadenza.dataplane.execution.activity.RetryPolicies.withDefaults(policy), info.attempt, failure,
                ctx.now(), info.executionExpirationMillis);
        if (!decision.retry()) {
            return new Retry(decision.state(), null);
        }
        NewRun next = successorRun(ctx, decision.backoffMillis(), ContinueAsNewInitiator.CONTINUE_AS_NEW_INITIATOR_RETRY);
        next.attempt = info.attempt + 1;
        next.continuedFailure = failure;
        ExecutionContext successor = next.firstEvents(ctx.namespace(), ctx.now(), info.workflowTaskTimeoutMillis);
        next.scheduleFirstWorkflowTask(successor);
        return new Retry(RetryState.RETRY_STATE_IN_PROGRESS, successor);
    }

    /** A run that continues this one's chain (same id, input, settings), to start after {@code delayMillis}. */
    private static NewRun successorRun(ExecutionContext ctx, long delayMillis, ContinueAsNewInitiator initiator) {
        ExecutionInfo info = ctx.state().info;
        NewRun next = new NewRun();
        next.workflowId = ctx.key().workflowId();
        next.runId = io.cadenza.dataplane.common.Ids.uuid();
        next.workflowType = info.workflowType;
        next.taskQueue = info.taskQueue;
        next.input = firstInput(ctx);
        next.executionTimeoutMillis = info.executionTimeoutMillis;
        next.executionExpirationMillis = info.executionExpirationMillis;
        next.runTimeoutMillis = info.runTimeoutMillis;
        next.taskTimeoutMillis = info.workflowTaskTimeoutMillis;
        next.firstTaskDelayMillis = delayMillis;
        next.identity = info.identity;
        next.requestId = io.cadenza.dataplane.common.Ids.uuid();
        next.retryPolicy = Protos.parse(RetryPolicy.parser(), info.retryPolicy, null);
        next.cronSchedule = info.cronSchedule;
        next.memo = Protos.parse(Memo.parser(), ctx.state().memo, null);
        next.searchAttributes = Protos.parse(SearchAttributes.parser(), ctx.state().searchAttributes, null);
        next.header = Protos.parse(Header.parser(), info.header, null);
        next.firstRunId = info.firstRunId;
        next.continuedFromRunId = ctx.key().runId();
        next.initiator = initiator;
        next.parent = info.parent;
        return next;
    }

    /**
     * A cron workflow's next run, started when this one closes (completed, failed or timed out; not when
     * terminated or canceled), after the backoff to the next cron time. Null when the run has no cron schedule
     * or the schedule has no further time.
     */
    private static ExecutionContext cronSuccessor(ExecutionContext ctx, Payloads lastResult, Failure failure) {
        ExecutionInfo info = ctx.state().info;
        if (info.cronSchedule == null || info.cronSchedule.isEmpty()) {
            return null;
        }
        java.time.Instant now = java.time.Instant.ofEpochMilli(ctx.now());
        var backoff = io.cadenza.dataplane.schedule.spec.CronSchedule.parse(info.cronSchedule)
                .backoff(now, java.time.Instant.ofEpochMilli(info.executionTimeMillis));
        if (backoff.isEmpty()) {
            return null;
        }
        NewRun next = successorRun(ctx, backoff.get().toMillis(),
                ContinueAsNewInitiator.CONTINUE_AS_NEW_INITIATOR_CRON_SCHEDULE);
        next.lastCompletionResult = lastResult;
        next.continuedFailure = failure;
        ExecutionContext successor = next.firstEvents(ctx.namespace(), ctx.now(), info.workflowTaskTimeoutMillis);
        next.scheduleFirstWorkflowTask(successor);
        return successor;
    }

    private static void continueCron(ExecutionContext ctx, ExecutionContext next) {
        if (next != null) {
            ctx.continueWith(next);
        }
    }

    /** Every cron run gets the input of the first one (kept in this run's WorkflowExecutionStarted event). */
    private static Payloads firstInput(ExecutionContext ctx) {
        return ctx.state().cronInput == null ? null
                : Protos.parse(Payloads.parser(), ctx.state().cronInput, Payloads.getDefaultInstance());
    }

    public static void cancel(ExecutionContext ctx, Payloads details, long workflowTaskCompletedEventId) {
        WorkflowExecutionCanceledEventAttributes.Builder attrs = WorkflowExecutionCanceledEventAttributes
                .newBuilder().setWorkflowTaskCompletedEventId(workflowTaskCompletedEventId);
        if (details != null) {
            attrs.setDetails(details);
        }
        close(ctx, WorkflowStatus.Event.CANCEL, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED,
                HistoryEvent.newBuilder().setWorkflowExecutionCanceledEventAttributes(attrs));
    }

    /** The run's own deadlines (run and execution timeouts). */
    public static long nextDeadline(MutableState state) {
        long next = Long.MAX_VALUE;
        if (state.info.runExpirationMillis > 0) {
            next = state.info.runExpirationMillis;
        }
        if (state.info.executionExpirationMillis > 0) {
            next = Math.min(next, state.info.executionExpirationMillis);
        }
        return next;
    }

    private static void dropWorkflowTask(ExecutionContext ctx) {
        MutableState state = ctx.state();
        if (state.workflowTask != null) {
            // Cleared by the closing event's applier; until then no event may wait behind it.
            state.workflowTask.transition(io.cadenza.dataplane.execution.workflowtask.WorkflowTaskState.Event.DROP);
        }
        ctx.flushBufferedEvents();
    }

    /**
     * ContinueAsNewWorkflowExecution: closes this run and starts its successor (same workflow id) in the same
     * transaction. The successor keeps the chain's first run id, execution deadline and parent.
     */
    public static void continueAsNew(ExecutionContext ctx, ContinueAsNewWorkflowExecutionCommandAttributes cmd,
                                     long workflowTaskCompletedEventId) {
        MutableState state = ctx.state();
        ExecutionInfo info = state.info;
        NewRun next = new NewRun();
        next.workflowId = ctx.key().workflowId();
        next.runId = io.cadenza.dataplane.common.Ids.uuid();
        next.workflowType = cmd.getWorkflowType().getName().isEmpty() ? info.workflowType
                : cmd.getWorkflowType().getName();
        next.taskQueue = cmd.getTaskQueue().getName().isEmpty() ? info.taskQueue : cmd.getTaskQueue().getName();
        next.input = cmd.hasInput() ? cmd.getInput() : null;
        next.executionTimeoutMillis = info.executionTimeoutMillis;
        next.executionExpirationMillis = info.executionExpirationMillis;
        next.runTimeoutMillis = cmd.hasWorkflowRunTimeout() && Protos.millis(cmd.getWorkflowRunTimeout()) > 0
                ? Protos.millis(cmd.getWorkflowRunTimeout()) : info.runTimeoutMillis;
        next.taskTimeoutMillis = cmd.hasWorkflowTaskTimeout() && Protos.millis(cmd.getWorkflowTaskTimeout()) > 0
                ? Protos.millis(cmd.getWorkflowTaskTimeout()) : info.workflowTaskTimeoutMillis;
        next.firstTaskDelayMillis = Protos.millis(cmd.getBackoffStartInterval());
        next.identity = info.identity;
        next.requestId = io.cadenza.dataplane.common.Ids.uuid();
        next.retryPolicy = cmd.hasRetryPolicy() ? cmd.getRetryPolicy()
                : Protos.parse(RetryPolicy.parser(), info.retryPolicy, null);
        next.cronSchedule = cmd.getCronSchedule().isEmpty() ? info.cronSchedule : cmd.getCronSchedule();
        next.memo = cmd.hasMemo() ? cmd.getMemo() : Protos.parse(Memo.parser(), state.memo, null);
        next.searchAttributes = cmd.hasSearchAttributes() ? cmd.getSearchAttributes()
                : Protos.parse(SearchAttributes.parser(), state.searchAttributes, null);
        next.header = cmd.hasHeader() ? cmd.getHeader() : Protos.parse(Header.parser(), info.header, null);
        next.attempt = 1;
        next.firstRunId = info.firstRunId;
        next.continuedFromRunId = ctx.key().runId();
        next.initiator = cmd.getInitiator() == ContinueAsNewInitiator.CONTINUE_AS_NEW_INITIATOR_UNSPECIFIED
                ? ContinueAsNewInitiator.CONTINUE_AS_NEW_INITIATOR_WORKFLOW : cmd.getInitiator();
        next.continuedFailure = cmd.hasFailure() ? cmd.getFailure() : null;
        next.lastCompletionResult = cmd.hasLastCompletionResult() ? cmd.getLastCompletionResult() : null;
        next.parent = info.parent;

        WorkflowExecutionContinuedAsNewEventAttributes.Builder attrs = WorkflowExecutionContinuedAsNewEventAttributes
                .newBuilder()
                .setNewExecutionRunId(next.runId)
                .setWorkflowType(io.temporal.api.common.v1.WorkflowType.newBuilder().setName(next.workflowType))
                .setTaskQueue(io.temporal.api.taskqueue.v1.TaskQueue.newBuilder().setName(next.taskQueue))
                .setWorkflowRunTimeout(Protos.duration(next.runTimeoutMillis))
                .setWorkflowTaskTimeout(Protos.duration(next.taskTimeoutMillis))
                .setWorkflowTaskCompletedEventId(workflowTaskCompletedEventId)
                .setBackoffStartInterval(Protos.duration(next.firstTaskDelayMillis))
                .setInitiator(next.initiator);
        if (next.input != null) {
            attrs.setInput(next.input);
        }
        if (next.continuedFailure != null) {
            attrs.setFailure(next.continuedFailure);
        }
        if (next.lastCompletionResult != null) {
            attrs.setLastCompletionResult(next.lastCompletionResult);
        }
        if (next.header != null) {
            attrs.setHeader(next.header);
        }
        if (next.memo != null) {
            attrs.setMemo(next.memo);
        }
        if (next.searchAttributes != null) {
            attrs.setSearchAttributes(next.searchAttributes);
        }
        close(ctx, WorkflowStatus.Event.CONTINUE_AS_NEW, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW,
                HistoryEvent.newBuilder().setWorkflowExecutionContinuedAsNewEventAttributes(attrs));
        ExecutionContext successor = next.firstEvents(ctx.namespace(), ctx.now(), info.workflowTaskTimeoutMillis);
        next.scheduleFirstWorkflowTask(successor);
        ctx.continueWith(successor);
    }

    private static void close(ExecutionContext ctx, WorkflowStatus.Event event, EventType type,
                              HistoryEvent.Builder closeEvent) {
        MutableState state = ctx.state();
        WorkflowStatus.TABLE.next(state.statusEnum(), event); // checked here; the closing event's applier sets it
        ctx.flushBufferedEvents();
        for (ChildInfo child : state.children.values()) {
            if (child.started() && (child.parentClosePolicy == ParentClosePolicy.PARENT_CLOSE_POLICY_TERMINATE_VALUE
                    || child.parentClosePolicy == ParentClosePolicy.PARENT_CLOSE_POLICY_REQUEST_CANCEL_VALUE
                    || child.parentClosePolicy == ParentClosePolicy.PARENT_CLOSE_POLICY_UNSPECIFIED_VALUE)) {
                int policy = child.parentClosePolicy == ParentClosePolicy.PARENT_CLOSE_POLICY_UNSPECIFIED_VALUE
                        ? ParentClosePolicy.PARENT_CLOSE_POLICY_TERMINATE_VALUE : child.parentClosePolicy;
                ctx.transfer(new Transfer.ApplyParentClosePolicy(
                        new ExecutionKey(child.namespaceId, child.workflowId, child.runId), policy, ctx.key()));
            }
        }
        // Pending work of a closed run is abandoned (by the closing event's applier): workers reporting on it later
        // get NotFound, and its approvals leave the inbox in this same commit.
        io.cadenza.dataplane.execution.activity.HumanTaskTransitions.withdrawAll(ctx,
                "the workflow " + closeVerb(event));
        ctx.addEvent(type, closeEvent);
        HistoryEvent closed = ctx.newEvents().get(ctx.newEvents().size() - 1);
        if (state.info.parent != null && event != WorkflowStatus.Event.CONTINUE_AS_NEW) {
            ctx.transfer(new Transfer.ReportToParent(ctx.key(), state.info.workflowType, state.info.parent, closed));
        }
    }

    private static String closeVerb(WorkflowStatus.Event event) {
        return switch (event) {
            case COMPLETE -> "completed";
            case FAIL -> "failed";
            case CANCEL -> "was cancelled";
            case TERMINATE -> "was terminated";
            case TIME_OUT -> "timed out";
            case CONTINUE_AS_NEW -> "continued as new";
            default -> "closed";
        };
    }

    static Failure failureOrNull(byte[] bytes) {
        return bytes == null ? null : Protos.parse(Failure.parser(), bytes, Failure.getDefaultInstance());
    }
}
