package io.cadenza.dataplane.execution;

import io.cadenza.dataplane.common.Errors;
import io.cadenza.dataplane.common.ExecutionKey;
import io.cadenza.dataplane.common.Ids;
import io.cadenza.dataplane.common.Protos;
import io.cadenza.dataplane.config.DataPlaneConfig;
import io.cadenza.dataplane.execution.activity.RetryPolicies;
import io.cadenza.dataplane.namespace.Namespace;
import io.cadenza.dataplane.persistence.CurrentExecution;
import io.cadenza.dataplane.persistence.StartDecision;
import io.cadenza.dataplane.schedule.spec.CronSchedule;
import io.cadenza.dataplane.visibility.SearchAttributeDefinitions;
import io.temporal.api.common.v1.SearchAttributes;
import io.temporal.api.workflowservice.v1.SignalWithStartWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.StartWorkflowExecutionRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;

/**
 * Starting a run: validate the start, build its first events, and create it in one transaction that also enforces
 * the workflow id's reuse and conflict policies and request-id idempotency. The StartWorkflowExecution and
 * SignalWithStartWorkflowExecution handlers and the schedules start workflows through here.
 */
@ApplicationScoped
public class WorkflowStarts {

    private static final int MAX_ID_LENGTH = 1000;

    private final ExecutionManager manager;
    private final InstantSource clock;
    private final DataPlaneConfig config;

    public WorkflowStarts(ExecutionManager manager, InstantSource clock, DataPlaneConfig config) {
        this.manager = manager;
        this.clock = clock;
        this.config = config;
    }

    /** The run the start ended at: the new one ({@code started}), or the one already running that it used. */
    public record Started(String runId, boolean started) {
    }

    /**
     * Validates {@code req} (whose request id is set) and starts it; with {@code signal}, the signal is the new
     * run's first event after the start (SignalWithStart).
     */
    public CompletableFuture<Started> start(Namespace ns, StartWorkflowExecutionRequest req,
                                            SignalWithStartWorkflowExecutionRequest signal) {
        validate(req);
        validateSearchAttributes(req.getSearchAttributes(), ns);
        return startRun(ns, req, signal);
    }

    private CompletableFuture<Started> startRun(Namespace ns, StartWorkflowExecutionRequest req,
                                                SignalWithStartWorkflowExecutionRequest signal) {
        String runId = Ids.uuid();
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

    private static void validateSearchAttributes(SearchAttributes values, Namespace ns) {
        String problem = SearchAttributeDefinitions.problem(values,
                ns.indexedAttributes());
        if (problem != null) {
            throw Errors.invalidArgument(problem);
        }
    }

    private static void validate(StartWorkflowExecutionRequest req) {
        nonEmpty(req.getWorkflowId(), "WorkflowId");
        nonEmpty(req.getWorkflowType().getName(), "WorkflowType");
        nonEmpty(req.getTaskQueue().getName(), "TaskQueue");
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
                CronSchedule.parse(req.getCronSchedule());
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

    private static void nonEmpty(String value, String what) {
        if (value == null || value.isEmpty()) {
            throw Errors.invalidArgument(what + " is not set on request.");
        }
    }
}
