package io.cadenza.dataplane.execution;

import io.cadenza.dataplane.common.Errors;
import io.cadenza.dataplane.common.ExecutionKey;
import io.cadenza.dataplane.common.Ids;
import io.cadenza.dataplane.config.DataPlaneConfig;
import io.cadenza.dataplane.execution.activity.RetryPolicies;
import io.cadenza.dataplane.namespace.Namespace;
import io.cadenza.dataplane.persistence.CurrentExecution;
import io.cadenza.dataplane.persistence.StartDecision;
import io.cadenza.dataplane.schedule.spec.CronSchedule;
import io.cadenza.dataplane.visibility.SearchAttributeDefinitions;
import io.temporal.api.common.v1.SearchAttributes;
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
    public CompletableFuture<Started> start(Namespace ns, WorkflowStart req, WorkflowStart.Signal signal) {
        validate(req);
        validateSearchAttributes(req.searchAttributes, ns);
        return startRun(ns, req, signal);
    }

    private CompletableFuture<Started> startRun(Namespace ns, WorkflowStart req, WorkflowStart.Signal signal) {
        String runId = Ids.uuid();
        ExecutionContext ctx = firstEvents(ns, req, runId, signal);
        return manager.create(ctx, req.requestId, current -> decide(req, current)).thenCompose(decision ->
                switch (decision.outcome()) {
                    case CREATE -> CompletableFuture.completedFuture(new Started(runId, true));
                    case USE_EXISTING -> CompletableFuture.completedFuture(new Started(decision.existingRunId(), false));
                    case REJECT -> CompletableFuture.failedFuture(decision.error());
                    case TERMINATE_EXISTING -> manager.update(
                                    new ExecutionKey(ns.id(), req.workflowId, decision.existingRunId()), c -> {
                                        if (c.state().isRunning()) {
                                            WorkflowTransitions.terminate(c, "terminated by a new start of "
                                                    + req.workflowId, null, req.identity);
                                        }
                                        return null;
                                    })
                            .thenCompose(v -> startRun(ns, req, signal));
                });
    }

    static StartDecision decide(WorkflowStart req, CurrentExecution current) {
        return StartPolicies.decide(req.workflowId, req.requestId, req.reusePolicy, req.conflictPolicy, current);
    }

    private ExecutionContext firstEvents(Namespace ns, WorkflowStart req, String runId,
                                         WorkflowStart.Signal signal) {
        NewRun run = new NewRun();
        run.workflowId = req.workflowId;
        run.runId = runId;
        run.workflowType = req.workflowType;
        run.taskQueue = req.taskQueue;
        run.input = req.input;
        run.executionTimeoutMillis = req.executionTimeoutMillis;
        run.runTimeoutMillis = req.runTimeoutMillis;
        run.taskTimeoutMillis = req.taskTimeoutMillis;
        run.firstTaskDelayMillis = req.startDelayMillis;
        run.identity = req.identity;
        run.requestId = req.requestId;
        run.retryPolicy = req.retryPolicy;
        run.cronSchedule = req.cronSchedule;
        run.delayFirstRunToCronTime(clock.millis());
        run.memo = req.memo;
        run.searchAttributes = req.searchAttributes;
        run.header = req.header;
        run.priority = req.priority;
        ExecutionContext ctx = run.firstEvents(ns, clock.millis(), config.defaultWorkflowTaskTimeoutMillis());
        if (signal != null) {
            WorkflowTransitions.signal(ctx, signal.name(), signal.input(), signal.header(), signal.identity(),
                    req.requestId);
        }
        run.scheduleFirstWorkflowTask(ctx);
        return ctx;
    }

    private static void validateSearchAttributes(SearchAttributes values, Namespace ns) {
        if (values == null) {
            return;
        }
        String problem = SearchAttributeDefinitions.problem(values,
                ns.indexedAttributes());
        if (problem != null) {
            throw Errors.invalidArgument(problem);
        }
    }

    private static void validate(WorkflowStart req) {
        nonEmpty(req.workflowId, "WorkflowId");
        nonEmpty(req.workflowType, "WorkflowType");
        nonEmpty(req.taskQueue, "TaskQueue");
        if (req.workflowId.length() > MAX_ID_LENGTH) {
            throw Errors.invalidArgument("WorkflowId exceeds " + MAX_ID_LENGTH + " characters.");
        }
        if (req.workflowType.length() > MAX_ID_LENGTH) {
            throw Errors.invalidArgument("WorkflowType exceeds " + MAX_ID_LENGTH + " characters.");
        }
        if (req.executionTimeoutMillis < 0 || req.runTimeoutMillis < 0 || req.taskTimeoutMillis < 0
                || req.startDelayMillis < 0) {
            throw Errors.invalidArgument("A timeout on StartWorkflowExecution request is negative.");
        }
        if (!req.cronSchedule.isEmpty()) {
            try {
                CronSchedule.parse(req.cronSchedule);
            } catch (IllegalArgumentException e) {
                throw Errors.invalidArgument(e.getMessage());
            }
        }
        if (req.retryPolicy != null) {
            String invalid = RetryPolicies.validate(req.retryPolicy);
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
