package io.cadenza.dataplane.api;

import io.cadenza.dataplane.common.Errors;
import io.cadenza.dataplane.common.Protos;
import io.cadenza.dataplane.config.DataPlaneConfig;
import io.cadenza.dataplane.execution.ExecutionContext;
import io.cadenza.dataplane.execution.ExecutionKey;
import io.cadenza.dataplane.execution.ExecutionManager;
import io.cadenza.dataplane.execution.WorkflowTransitions;
import io.cadenza.dataplane.execution.activity.RetryPolicies;
import io.cadenza.dataplane.execution.state.ExecutionInfo;
import io.cadenza.dataplane.execution.state.MutableState;
import io.cadenza.dataplane.namespace.Namespace;
import io.cadenza.dataplane.namespace.NamespaceRegistry;
import io.cadenza.dataplane.persistence.CurrentExecution;
import io.cadenza.dataplane.persistence.StartDecision;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.TaskQueueKind;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.WorkflowExecutionStartedEventAttributes;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.SignalWithStartWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.SignalWithStartWorkflowExecutionResponse;
import io.temporal.api.workflowservice.v1.StartWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.StartWorkflowExecutionResponse;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;

/**
 * StartWorkflowExecution and SignalWithStartWorkflowExecution: validate, build the first events, and create the
 * run in one transaction that also enforces the workflow id's reuse and conflict policies and request-id
 * idempotency.
 */
@ApplicationScoped
public class StartWorkflowHandler {

    static final long MAX_WORKFLOW_TASK_TIMEOUT_MILLIS = 120_000;
    private static final int MAX_ID_LENGTH = 1000;

    private final ExecutionManager manager;
    private final NamespaceRegistry namespaces;
    private final InstantSource clock;
    private final DataPlaneConfig config;

    public StartWorkflowHandler(ExecutionManager manager, NamespaceRegistry namespaces, InstantSource clock,
                                DataPlaneConfig config) {
        this.manager = manager;
        this.namespaces = namespaces;
        this.clock = clock;
        this.config = config;
    }

    public CompletableFuture<StartWorkflowExecutionResponse> start(StartWorkflowExecutionRequest request) {
        Namespace ns = namespaces.byName(request.getNamespace());
        validate(request);
        String requestId = request.getRequestId().isEmpty() ? io.cadenza.dataplane.common.Ids.uuid() : request.getRequestId();
        StartWorkflowExecutionRequest req = request.toBuilder().setRequestId(requestId).build();
        return startRun(ns, req, null).thenApply(r -> StartWorkflowExecutionResponse.newBuilder()
                .setRunId(r.runId()).setStarted(r.started())
                .setStatus(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING).build());
    }

    public CompletableFuture<SignalWithStartWorkflowExecutionResponse> signalWithStart(
            SignalWithStartWorkflowExecutionRequest request, SignalWorkflowHandler signals) {
        Namespace ns = namespaces.byName(request.getNamespace());
        Executions.nonEmpty(request.getSignalName(), "SignalName");
        String requestId = request.getRequestId().isEmpty() ? io.cadenza.dataplane.common.Ids.uuid() : request.getRequestId();
        StartWorkflowExecutionRequest start = StartWorkflowExecutionRequest.newBuilder()
                .setNamespace(request.getNamespace()).setWorkflowId(request.getWorkflowId())
                .setWorkflowType(request.getWorkflowType()).setTaskQueue(request.getTaskQueue())
                .setInput(request.getInput()).setWorkflowExecutionTimeout(request.getWorkflowExecutionTimeout())
                .setWorkflowRunTimeout(request.getWorkflowRunTimeout())
                .setWorkflowTaskTimeout(request.getWorkflowTaskTimeout()).setIdentity(request.getIdentity())
                .setRequestId(requestId).setWorkflowIdReusePolicy(request.getWorkflowIdReusePolicy())
                .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .setRetryPolicy(request.getRetryPolicy()).setCronSchedule(request.getCronSchedule())
                .setMemo(request.getMemo()).setSearchAttributes(request.getSearchAttributes())
                .setHeader(request.getHeader()).setWorkflowStartDelay(request.getWorkflowStartDelay())
                .build();
        validate(start);
        return startRun(ns, start, request).thenCompose(r -> {
            if (r.started()) {
                return CompletableFuture.completedFuture(r);
            }
            // The workflow was already running: signal that run. If it closed meanwhile, start again.
            ExecutionKey key = new ExecutionKey(ns.id(), request.getWorkflowId(), r.runId());
            return signals.signal(key, request.getSignalName(), request.getSignalInput(), request.getHeader(),
                            request.getIdentity(), requestId)
                    .thenApply(v -> r)
                    .exceptionallyCompose(e -> closedMeanwhile(e)
                            ? signalWithStart(request, signals).thenApply(x -> new Started(x.getRunId(), x.getStarted()))
                            : CompletableFuture.failedFuture(e));
        }).thenApply(r -> SignalWithStartWorkflowExecutionResponse.newBuilder().setRunId(r.runId())
                .setStarted(r.started()).build());
    }

    private static boolean closedMeanwhile(Throwable e) {
        Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                ? e.getCause() : e;
        return cause instanceof io.grpc.StatusRuntimeException s
                && s.getStatus().getCode() == io.grpc.Status.Code.NOT_FOUND;
    }

    private record Started(String runId, boolean started) {
    }

    private CompletableFuture<Started> startRun(Namespace ns, StartWorkflowExecutionRequest req,
                                                SignalWithStartWorkflowExecutionRequest signal) {
        String runId = io.cadenza.dataplane.common.Ids.uuid();
        ExecutionContext ctx = firstEvents(ns, req, runId, signal);
        return manager.create(ctx, req.getRequestId(), current -> decide(req, current)).thenCompose(decision ->
                switch (decision.outcome()) {
                    case CREATE -> CompletableFuture.completedFuture(new Started(runId, true));
                    case USE_EXISTING -> CompletableFuture.completedFuture(new Started(decision.existingRunId(), false));
                    case REJECT -> CompletableFuture.failedFuture(decision.error());
                    case TERMINATE_EXISTING -> manager.update(
                                    new ExecutionKey(ns.id(), req.getWorkflowId(), decision.existingRunId()), c -> {
                                        if (c.state().isRunning()) {
                                            WorkflowTransitions.terminate(c, "terminated by a new start of "
                                                    + req.getWorkflowId(), null, req.getIdentity());
                                        }
                                        return null;
                                    })
                            .thenCompose(v -> startRun(ns, req, signal));
                });
    }

    /** Temporal's workflow id reuse and conflict rules, applied to the id's current run. */
    static StartDecision decide(StartWorkflowExecutionRequest req, CurrentExecution current) {
        if (current == null) {
            return StartDecision.create();
        }
        if (current.startRequestId().equals(req.getRequestId())) {
            return StartDecision.useExisting(current.runId());
        }
        if (current.status() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING_VALUE) {
            WorkflowIdConflictPolicy conflict = req.getWorkflowIdConflictPolicy();
            if (req.getWorkflowIdReusePolicy() == WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_TERMINATE_IF_RUNNING) {
                conflict = WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_TERMINATE_EXISTING;
            }
            return switch (conflict) {
                case WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING -> StartDecision.useExisting(current.runId());
                case WORKFLOW_ID_CONFLICT_POLICY_TERMINATE_EXISTING -> StartDecision.terminateExisting(current.runId());
                default -> StartDecision.reject(Errors.alreadyStarted(req.getWorkflowId(), current.startRequestId(),
                        current.runId()));
            };
        }
        boolean closedSuccessfully =
                current.status() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED_VALUE;
        return switch (req.getWorkflowIdReusePolicy()) {
            case WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE -> StartDecision.reject(Errors.alreadyStarted(
                    req.getWorkflowId(), current.startRequestId(), current.runId()));
            case WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY -> closedSuccessfully
                    ? StartDecision.reject(Errors.alreadyStarted(req.getWorkflowId(), current.startRequestId(),
                    current.runId()))
                    : StartDecision.create();
            default -> StartDecision.create();
        };
    }

    private ExecutionContext firstEvents(Namespace ns, StartWorkflowExecutionRequest req, String runId,
                                         SignalWithStartWorkflowExecutionRequest signal) {
        long now = clock.millis();
        long executionTimeout = Protos.millis(req.getWorkflowExecutionTimeout());
        long runTimeout = Protos.millis(req.getWorkflowRunTimeout());
        if (runTimeout == 0 || (executionTimeout > 0 && runTimeout > executionTimeout)) {
            runTimeout = executionTimeout;
        }
        long taskTimeout = Protos.millis(req.getWorkflowTaskTimeout());
        if (taskTimeout == 0) {
            taskTimeout = config.defaultWorkflowTaskTimeoutMillis();
        }
        taskTimeout = Math.min(taskTimeout, MAX_WORKFLOW_TASK_TIMEOUT_MILLIS);
        if (runTimeout > 0) {
            taskTimeout = Math.min(taskTimeout, runTimeout);
        }
        long startDelay = Protos.millis(req.getWorkflowStartDelay());

        MutableState state = new MutableState();
        ExecutionInfo info = new ExecutionInfo();
        info.workflowType = req.getWorkflowType().getName();
        info.taskQueue = req.getTaskQueue().getName();
        info.startTimeMillis = now;
        info.executionTimeMillis = now + startDelay;
        info.runTimeoutMillis = runTimeout;
        info.executionTimeoutMillis = executionTimeout;
        info.workflowTaskTimeoutMillis = taskTimeout;
        info.runExpirationMillis = runTimeout > 0 ? now + runTimeout : 0;
        info.executionExpirationMillis = executionTimeout > 0 ? now + executionTimeout : 0;
        info.startRequestId = req.getRequestId();
        info.firstRunId = runId;
        info.identity = req.getIdentity();
        state.info = info;
        state.rememberRequestId(req.getRequestId());
        if (req.hasMemo()) {
            state.memo = req.getMemo().toByteArray();
        }
        if (req.hasSearchAttributes()) {
            state.searchAttributes = req.getSearchAttributes().toByteArray();
        }

        ExecutionContext ctx = new ExecutionContext(new ExecutionKey(ns.id(), req.getWorkflowId(), runId), state, ns,
                now);
        WorkflowExecutionStartedEventAttributes.Builder started = WorkflowExecutionStartedEventAttributes.newBuilder()
                .setWorkflowType(req.getWorkflowType())
                .setTaskQueue(TaskQueue.newBuilder().setName(info.taskQueue)
                        .setKind(TaskQueueKind.TASK_QUEUE_KIND_NORMAL))
                .setWorkflowExecutionTimeout(Protos.duration(executionTimeout))
                .setWorkflowRunTimeout(Protos.duration(runTimeout))
                .setWorkflowTaskTimeout(Protos.duration(taskTimeout))
                .setOriginalExecutionRunId(runId)
                .setFirstExecutionRunId(runId)
                .setIdentity(req.getIdentity())
                .setAttempt(1)
                .setCronSchedule(req.getCronSchedule())
                .setWorkflowId(req.getWorkflowId());
        if (req.hasInput()) {
            started.setInput(req.getInput());
        }
        if (req.hasRetryPolicy()) {
            started.setRetryPolicy(req.getRetryPolicy());
        }
        if (executionTimeout > 0) {
            started.setWorkflowExecutionExpirationTime(Protos.timestamp(info.executionExpirationMillis));
        }
        if (startDelay > 0) {
            started.setFirstWorkflowTaskBackoff(Protos.duration(startDelay));
        }
        if (req.hasMemo()) {
            started.setMemo(req.getMemo());
        }
        if (req.hasSearchAttributes()) {
            started.setSearchAttributes(req.getSearchAttributes());
        }
        if (req.hasHeader()) {
            started.setHeader(req.getHeader());
        }
        if (req.hasPriority()) {
            started.setPriority(req.getPriority());
        }
        ctx.addEvent(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED,
                HistoryEvent.newBuilder().setWorkflowExecutionStartedEventAttributes(started));
        if (signal != null) {
            WorkflowTransitions.signal(ctx, signal.getSignalName(), signal.getSignalInput(), signal.getHeader(),
                    signal.getIdentity(), req.getRequestId());
        }
        if (startDelay > 0) {
            state.awaitingFirstWorkflowTask = true;
        } else {
            ctx.scheduleWorkflowTask();
        }
        return ctx;
    }

    private static void validate(StartWorkflowExecutionRequest req) {
        Executions.nonEmpty(req.getWorkflowId(), "WorkflowId");
        Executions.nonEmpty(req.getWorkflowType().getName(), "WorkflowType");
        Executions.nonEmpty(req.getTaskQueue().getName(), "TaskQueue");
        if (req.getWorkflowId().length() > MAX_ID_LENGTH) {
            throw Errors.invalidArgument("WorkflowId exceeds " + MAX_ID_LENGTH + " characters.");
        }
        if (req.getWorkflowType().getName().length() > MAX_ID_LENGTH) {
            throw Errors.invalidArgument("WorkflowType exceeds " + MAX_ID_LENGTH + " characters.");
        }
        if (Protos.millis(req.getWorkflowExecutionTimeout()) < 0 || Protos.millis(req.getWorkflowRunTimeout()) < 0
                || Protos.millis(req.getWorkflowTaskTimeout()) < 0 || Protos.millis(req.getWorkflowStartDelay()) < 0) {
            throw Errors.invalidArgument("A timeout on StartWorkflowExecution request is negative.");
        }
        if (req.hasRetryPolicy()) {
            String invalid = RetryPolicies.validate(req.getRetryPolicy());
            if (invalid != null) {
                throw Errors.invalidArgument(invalid);
            }
        }
    }
}
