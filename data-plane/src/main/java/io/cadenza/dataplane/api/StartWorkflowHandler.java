package io.cadenza.dataplane.api;

import io.cadenza.dataplane.common.Errors;
import io.cadenza.dataplane.common.ExecutionKey;
import io.cadenza.dataplane.common.Protos;
import io.cadenza.dataplane.config.DataPlaneConfig;
import io.cadenza.dataplane.execution.ExecutionContext;
import io.cadenza.dataplane.execution.ExecutionManager;
import io.cadenza.dataplane.execution.NewRun;
import io.cadenza.dataplane.execution.StartPolicies;
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

    private final WorkflowTaskHandler workflowTasks;

    public StartWorkflowHandler(ExecutionManager manager, NamespaceRegistry namespaces, InstantSource clock,
                                DataPlaneConfig config, WorkflowTaskHandler workflowTasks) {
        this.workflowTasks = workflowTasks;
        this.manager = manager;
        this.namespaces = namespaces;
        this.clock = clock;
        this.config = config;
    }

    public CompletableFuture<StartWorkflowExecutionResponse> start(StartWorkflowExecutionRequest request) {
        Namespace ns = namespaces.byName(request.getNamespace());
        validate(request);
        validateSearchAttributes(request.getSearchAttributes(), ns);
        String requestId = request.getRequestId().isEmpty() ? io.cadenza.dataplane.common.Ids.uuid() : request.getRequestId();
        StartWorkflowExecutionRequest req = request.toBuilder().setRequestId(requestId).build();
        return startRun(ns, req, null).thenCompose(r -> {
            StartWorkflowExecutionResponse.Builder response = StartWorkflowExecutionResponse.newBuilder()
                    .setRunId(r.runId()).setStarted(r.started())
                    .setStatus(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
            if (!r.started() || !req.getRequestEagerExecution()) {
                return CompletableFuture.completedFuture(response.build());
            }
            // Eager start: the caller's own worker gets the first workflow task with the reply.
            return workflowTasks.startNow(ns, new ExecutionKey(ns.id(), req.getWorkflowId(), r.runId()),
                    req.getIdentity()).thenApply(task -> {
                        if (task != null) {
                            response.setEagerWorkflowTask(task);
                        }
                        return response.build();
                    });
        });
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
        validateSearchAttributes(start.getSearchAttributes(), ns);
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

    static StartDecision decide(StartWorkflowExecutionRequest req, CurrentExecution current) {
        return StartPolicies.decide(req.getWorkflowId(), req.getRequestId(), req.getWorkflowIdReusePolicy(),
                req.getWorkflowIdConflictPolicy(), current);
    }

    private ExecutionContext firstEvents(Namespace ns, StartWorkflowExecutionRequest req, String runId,
                                         SignalWithStartWorkflowExecutionRequest signal) {
        NewRun run = new NewRun();
        run.workflowId = req.getWorkflowId();
        run.runId = runId;
        run.workflowType = req.getWorkflowType().getName();
        run.taskQueue = req.getTaskQueue().getName();
        run.input = req.hasInput() ? req.getInput() : null;
        run.executionTimeoutMillis = Protos.millis(req.getWorkflowExecutionTimeout());
        run.runTimeoutMillis = Protos.millis(req.getWorkflowRunTimeout());
        run.taskTimeoutMillis = Protos.millis(req.getWorkflowTaskTimeout());
        run.firstTaskDelayMillis = Protos.millis(req.getWorkflowStartDelay());
        run.identity = req.getIdentity();
        run.requestId = req.getRequestId();
        run.retryPolicy = req.hasRetryPolicy() ? req.getRetryPolicy() : null;
        run.cronSchedule = req.getCronSchedule();
        run.delayFirstRunToCronTime(clock.millis());
        run.memo = req.hasMemo() ? req.getMemo() : null;
        run.searchAttributes = req.hasSearchAttributes() ? req.getSearchAttributes() : null;
        run.header = req.hasHeader() ? req.getHeader() : null;
        run.priority = req.hasPriority() ? req.getPriority() : null;
        ExecutionContext ctx = run.firstEvents(ns, clock.millis(), config.defaultWorkflowTaskTimeoutMillis());
        if (signal != null) {
            WorkflowTransitions.signal(ctx, signal.getSignalName(), signal.getSignalInput(), signal.getHeader(),
                    signal.getIdentity(), req.getRequestId());
        }
        run.scheduleFirstWorkflowTask(ctx);
        return ctx;
    }

    private static void validateSearchAttributes(io.temporal.api.common.v1.SearchAttributes values, Namespace ns) {
        String problem = io.cadenza.dataplane.visibility.SearchAttributeDefinitions.problem(values,
                ns.indexedAttributes());
        if (problem != null) {
            throw Errors.invalidArgument(problem);
        }
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
        if (!req.getCronSchedule().isEmpty()) {
            try {
                io.cadenza.dataplane.schedule.spec.CronSchedule.parse(req.getCronSchedule());
            } catch (IllegalArgumentException e) {
                throw Errors.invalidArgument(e.getMessage());
            }
        }
        if (req.hasRetryPolicy()) {
            String invalid = RetryPolicies.validate(req.getRetryPolicy());
            if (invalid != null) {
                throw Errors.invalidArgument(invalid);
            }
        }
    }
}
