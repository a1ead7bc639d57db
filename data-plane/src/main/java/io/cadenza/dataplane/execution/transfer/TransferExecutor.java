package io.cadenza.dataplane.execution.transfer;

import io.cadenza.dataplane.common.Errors;
import io.cadenza.dataplane.common.ExecutionKey;
import io.cadenza.dataplane.common.Protos;
import io.cadenza.dataplane.common.error.CadenzaException;
import io.cadenza.dataplane.config.DataPlaneConfig;
import io.cadenza.dataplane.execution.ExecutionContext;
import io.cadenza.dataplane.execution.ExecutionManager;
import io.cadenza.dataplane.execution.NewRun;
import io.cadenza.dataplane.execution.StartPolicies;
import io.cadenza.dataplane.execution.Transfer;
import io.cadenza.dataplane.execution.TransferProcessor;
import io.cadenza.dataplane.execution.WorkflowTransitions;
import io.cadenza.dataplane.execution.child.ChildInfo;
import io.cadenza.dataplane.execution.child.ChildTransitions;
import io.cadenza.dataplane.execution.child.ExternalRequest;
import io.cadenza.dataplane.execution.state.ParentRef;
import io.cadenza.dataplane.namespace.Namespace;
import io.cadenza.dataplane.namespace.NamespaceRegistry;
import io.cadenza.dataplane.persistence.StartDecision;
import io.temporal.api.common.v1.Header;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.api.enums.v1.StartChildWorkflowExecutionFailedCause;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.history.v1.HistoryEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Carries out {@link Transfer}s: starts children and reports their outcome to the parent, delivers signals and
 * cancellation requests to other workflows, applies parent close policies. Each step reads what to do from the
 * issuing run's committed state and records the outcome there with an ordinary update, so retries and recovery
 * are safe. Failures of the store are retried with backoff.
 */
@ApplicationScoped
public class TransferExecutor implements TransferProcessor {

    private static final Logger LOG = Logger.getLogger(TransferExecutor.class);
    private static final int MAX_ATTEMPTS = 6;

    private final ExecutionManager manager;
    private final NamespaceRegistry namespaces;
    private final InstantSource clock;
    private final DataPlaneConfig config;

    public TransferExecutor(ExecutionManager manager, NamespaceRegistry namespaces, InstantSource clock,
                            DataPlaneConfig config) {
        this.manager = manager;
        this.namespaces = namespaces;
        this.clock = clock;
        this.config = config;
    }

    @Override
    public void execute(Transfer transfer) {
        retrying(() -> step(transfer), transfer, 1);
    }

    private CompletableFuture<Void> step(Transfer transfer) {
        if (transfer instanceof Transfer.StartChild t) {
            return startChild(t);
        } else if (transfer instanceof Transfer.DeliverExternalRequest t) {
            return deliver(t);
        } else if (transfer instanceof Transfer.ReportToParent t) {
            return reportToParent(t);
        } else if (transfer instanceof Transfer.CheckChild t) {
            return checkChild(t);
        } else if (transfer instanceof Transfer.ApplyParentClosePolicy t) {
            return applyParentClosePolicy(t);
        }
        throw new IllegalArgumentException("unknown transfer " + transfer);
    }

    private void retrying(Supplier<CompletableFuture<Void>> step, Transfer transfer, int attempt) {
        CompletableFuture<Void> run;
        try {
            run = step.get();
        } catch (RuntimeException e) {
            run = CompletableFuture.failedFuture(e);
        }
        run.whenComplete((v, err) -> {
            if (err == null) {
                return;
            }
            Throwable cause = unwrap(err);
            if (notFound(cause)) {
                return; // the issuing run is gone or closed: nothing left to record
            }
            if (attempt >= MAX_ATTEMPTS) {
                LOG.errorf(cause, "giving up on %s after %d attempts", transfer, attempt);
                return;
            }
            long delay = 100L << attempt;
            CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS)
                    .execute(() -> retrying(step, transfer, attempt + 1));
        });
    }

    // ---- children ----

    private CompletableFuture<Void> startChild(Transfer.StartChild t) {
        record Pending(ChildInfo child, ParentRef parent) {
        }
        return manager.update(t.parent(), ctx -> {
            ChildInfo c = ctx.state().children.get(t.initiatedEventId());
            if (!ctx.state().isRunning() || c == null || c.started()) {
                return null;
            }
            ParentRef parent = new ParentRef(ctx.namespace().id(), ctx.namespace().name(), t.parent().workflowId(),
                    t.parent().runId(), t.initiatedEventId());
            parent.rootWorkflowId = ctx.state().info.parent == null ? t.parent().workflowId()
                    : ctx.state().info.parent.rootWorkflowId;
            return new Pending(c, parent);
        }).thenCompose(p -> {
            if (p == null) {
                return CompletableFuture.completedFuture(null);
            }
            Namespace ns;
            try {
                ns = namespaces.byName(p.child().namespaceName);
            } catch (CadenzaException e) {
                return recordStartFailed(t, StartChildWorkflowExecutionFailedCause
                        .START_CHILD_WORKFLOW_EXECUTION_FAILED_CAUSE_NAMESPACE_NOT_FOUND);
            }
            var attrs = p.child().attributes();
            NewRun run = new NewRun();
            run.workflowId = attrs.getWorkflowId();
            run.runId = io.cadenza.dataplane.common.Ids.uuid();
            run.workflowType = attrs.getWorkflowType().getName();
            run.taskQueue = attrs.getTaskQueue().getName();
            run.input = attrs.hasInput() ? attrs.getInput() : null;
            run.executionTimeoutMillis = Protos.millis(attrs.getWorkflowExecutionTimeout());
            run.runTimeoutMillis = Protos.millis(attrs.getWorkflowRunTimeout());
            run.taskTimeoutMillis = Protos.millis(attrs.getWorkflowTaskTimeout());
            run.requestId = p.child().requestId;
            run.retryPolicy = attrs.hasRetryPolicy() ? attrs.getRetryPolicy() : null;
            run.cronSchedule = attrs.getCronSchedule();
            try {
                run.delayFirstRunToCronTime(clock.millis());
            } catch (IllegalArgumentException e) {
                run.cronSchedule = "";
            }
            run.memo = attrs.hasMemo() ? attrs.getMemo() : null;
            run.searchAttributes = attrs.hasSearchAttributes() ? attrs.getSearchAttributes() : null;
            run.header = attrs.hasHeader() ? attrs.getHeader() : null;
            run.priority = attrs.hasPriority() ? attrs.getPriority() : null;
            run.parent = p.parent();
            ExecutionContext childCtx = run.firstEvents(ns, clock.millis(), config.defaultWorkflowTaskTimeoutMillis());
            run.scheduleFirstWorkflowTask(childCtx);
            return manager.create(childCtx, run.requestId, current -> StartPolicies.decide(run.workflowId,
                            run.requestId, attrs.getWorkflowIdReusePolicy(),
                            WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL, current))
                    .thenCompose(decision -> switch (decision.outcome()) {
                        case CREATE -> recordStarted(t, run.runId, ns.id());
                        case USE_EXISTING -> recordStarted(t, decision.existingRunId(), ns.id());
                        default -> recordStartFailed(t, StartChildWorkflowExecutionFailedCause
                                .START_CHILD_WORKFLOW_EXECUTION_FAILED_CAUSE_WORKFLOW_ALREADY_EXISTS);
                    });
        });
    }

    private CompletableFuture<Void> recordStarted(Transfer.StartChild t, String runId, String namespaceId) {
        return manager.update(t.parent(), ctx -> {
            ChildInfo c = ctx.state().children.get(t.initiatedEventId());
            if (ctx.state().isRunning() && c != null && !c.started()) {
                ChildTransitions.childStarted(ctx, c, runId, namespaceId);
            }
            return null;
        });
    }

    private CompletableFuture<Void> recordStartFailed(Transfer.StartChild t,
                                                      StartChildWorkflowExecutionFailedCause cause) {
        return manager.update(t.parent(), ctx -> {
            ChildInfo c = ctx.state().children.get(t.initiatedEventId());
            if (ctx.state().isRunning() && c != null && !c.started()) {
                ChildTransitions.childStartFailed(ctx, c, cause);
            }
            return null;
        });
    }

    private CompletableFuture<Void> reportToParent(Transfer.ReportToParent t) {
        ParentRef p = t.parent();
        ExecutionKey parent = new ExecutionKey(p.namespaceId, p.workflowId, p.runId);
        return manager.update(parent, ctx -> {
            ChildInfo c = ctx.state().children.get(p.initiatedEventId);
            if (ctx.state().isRunning() && c != null && c.workflowId.equals(t.child().workflowId())) {
                ChildTransitions.childClosed(ctx, c, t.child().runId(), t.child().namespaceId(), t.closeEvent());
            }
            return null;
        });
    }

    /** After a parent's recovery: a started child that already closed is reported (its report may be lost). */
    private CompletableFuture<Void> checkChild(Transfer.CheckChild t) {
        return manager.read(t.parent(), s -> s.pendingChild(t.initiatedEventId()))
                .thenCompose(c -> {
                    if (c == null || !c.started()) {
                        return CompletableFuture.completedFuture(null);
                    }
                    return manager.current(c.namespaceId, c.workflowId).thenCompose(current -> {
                        if (current == null || current.status() == 1) {
                            return CompletableFuture.completedFuture(null);
                        }
                        ExecutionKey child = new ExecutionKey(c.namespaceId, c.workflowId, current.runId());
                        return manager.read(child, s -> s.nextEventId())
                                .thenCompose(next -> manager.readHistory(child, next - 1, next, 1))
                                .thenCompose(events -> events.isEmpty() ? CompletableFuture.completedFuture(null)
                                        : reportToParent(new Transfer.ReportToParent(child, c.workflowType,
                                        new ParentRef(t.parent().namespaceId(), "", t.parent().workflowId(),
                                                t.parent().runId(), t.initiatedEventId()), events.get(0))));
                    });
                });
    }

    private CompletableFuture<Void> applyParentClosePolicy(Transfer.ApplyParentClosePolicy t) {
        return manager.current(t.child().namespaceId(), t.child().workflowId()).thenCompose(current -> {
            if (current == null || current.status() != 1) {
                return CompletableFuture.completedFuture(null);
            }
            ExecutionKey child = new ExecutionKey(t.child().namespaceId(), t.child().workflowId(), current.runId());
            return manager.update(child, ctx -> {
                if (!ctx.state().isRunning()) {
                    return null;
                }
                String reason = "by parent close policy of " + t.parent().workflowId();
                if (t.parentClosePolicy() == ParentClosePolicy.PARENT_CLOSE_POLICY_REQUEST_CANCEL_VALUE) {
                    WorkflowTransitions.requestCancel(ctx, reason, "cadenza");
                } else {
                    WorkflowTransitions.terminate(ctx, reason, null, "cadenza");
                }
                return null;
            });
        });
    }

    // ---- signals and cancellation requests to other workflows ----

    private CompletableFuture<Void> deliver(Transfer.DeliverExternalRequest t) {
        return manager.update(t.source(), ctx -> ctx.state().isRunning()
                        ? ctx.state().externalRequests.get(t.initiatedEventId()) : null)
                .thenCompose(r -> {
                    if (r == null) {
                        return CompletableFuture.completedFuture(null);
                    }
                    Namespace ns;
                    try {
                        ns = namespaces.byName(r.namespaceName);
                    } catch (CadenzaException e) {
                        return recordExternal(t, r, null, false);
                    }
                    CompletableFuture<String> target = r.runId != null && !r.runId.isEmpty()
                            ? CompletableFuture.completedFuture(r.runId)
                            : manager.current(ns.id(), r.workflowId).thenApply(c -> c == null ? null : c.runId());
                    return target.thenCompose(runId -> {
                        if (runId == null) {
                            return recordExternal(t, r, null, false);
                        }
                        ExecutionKey key = new ExecutionKey(ns.id(), r.workflowId, runId);
                        return manager.update(key, ctx -> applyToTarget(ctx, r, t.source()))
                                .handle((ok, err) -> err == null && ok)
                                .thenCompose(ok -> recordExternal(t, r, runId, ok));
                    });
                });
    }

    /** On the target: apply the request once (by request id); false if the target cannot take it. */
    private static boolean applyToTarget(ExecutionContext ctx, ExternalRequest r, ExecutionKey source) {
        var s = ctx.state();
        if (r.childWorkflowOnly && (s.info.parent == null || !s.info.parent.workflowId.equals(source.workflowId()))) {
            return false;
        }
        if (r.kind == ExternalRequest.Kind.SIGNAL) {
            if (!s.isRunning()) {
                return false;
            }
            if (s.rememberRequestId(r.requestId)) {
                WorkflowTransitions.signal(ctx, r.signalName,
                        Protos.parse(Payloads.parser(), r.input, Payloads.getDefaultInstance()),
                        Protos.parse(Header.parser(), r.header, Header.getDefaultInstance()), "", r.requestId);
            }
            return true;
        }
        // As with the API, cancelling a run that already closed succeeds and changes nothing.
        if (s.isRunning() && s.rememberRequestId(r.requestId)) {
            WorkflowTransitions.requestCancel(ctx, r.reason, "");
        }
        return true;
    }

    private CompletableFuture<Void> recordExternal(Transfer.DeliverExternalRequest t, ExternalRequest r,
                                                   String targetRunId, boolean delivered) {
        return manager.update(t.source(), ctx -> {
            ExternalRequest pending = ctx.state().externalRequests.get(t.initiatedEventId());
            if (ctx.state().isRunning() && pending != null) {
                if (delivered) {
                    ChildTransitions.externalDelivered(ctx, pending, targetRunId);
                } else {
                    ChildTransitions.externalFailed(ctx, pending);
                }
            }
            return null;
        });
    }

    private static Throwable unwrap(Throwable t) {
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static boolean notFound(Throwable t) {
        return CadenzaException.is(t, CadenzaException.Kind.NOT_FOUND);
    }
}
