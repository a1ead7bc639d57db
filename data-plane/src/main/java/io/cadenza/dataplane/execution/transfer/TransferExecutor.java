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
    /** About a minute of retries: long enough for a shard (the issuer's or the target's) to change hands. */
    private static final int MAX_ATTEMPTS = 16;

    private final ExecutionManager manager;
    private final NamespaceRegistry namespaces;
    private final InstantSource clock;
    private final DataPlaneConfig config;
    private final TransferTargets targets;

    public TransferExecutor(ExecutionManager manager, NamespaceRegistry namespaces, InstantSource clock,
                            DataPlaneConfig config, TransferTargets targets) {
        this.targets = targets;
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
            long delay = Math.min(5000, 100L << attempt);
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
            // The child is created where its shard is held (here, or another instance of the cell).
            return targets.startChild(new TransferTargets.StartChildArgs(p.parent(), ns.id(),
                            p.child().attributes().toByteArray(), p.child().requestId))
                    .thenCompose(started -> switch (started.outcome()) {
                        case "CREATE", "USE_EXISTING" -> recordStarted(t, started.runId(), ns.id());
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
        return targets.reportToParent(new TransferTargets.ReportArgs(t.child().namespaceId(), t.child().workflowId(),
                t.child().runId(), t.parent(), t.closeEvent().toByteArray())).thenApply(ok -> null);
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
                        return targets.lastEvent(new TransferTargets.RunArgs(c.namespaceId, c.workflowId,
                                        current.runId()))
                                .thenCompose(event -> event.length == 0 ? CompletableFuture.completedFuture(null)
                                        : reportToParent(new Transfer.ReportToParent(child, c.workflowType,
                                        new ParentRef(t.parent().namespaceId(), "", t.parent().workflowId(),
                                                t.parent().runId(), t.initiatedEventId()),
                                        Protos.parse(HistoryEvent.parser(), event, HistoryEvent.getDefaultInstance()))));
                    });
                });
    }

    private CompletableFuture<Void> applyParentClosePolicy(Transfer.ApplyParentClosePolicy t) {
        return manager.current(t.child().namespaceId(), t.child().workflowId()).thenCompose(current -> {
            if (current == null || current.status() != 1) {
                return CompletableFuture.completedFuture(null);
            }
            return targets.closeChild(new TransferTargets.CloseChildArgs(t.child().namespaceId(),
                    t.child().workflowId(), current.runId(), t.parent().workflowId(), t.parentClosePolicy()))
                    .thenApply(ok -> null);
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
                        return targets.deliver(new TransferTargets.DeliverArgs(ns.id(), r.workflowId, runId, r,
                                        t.source().workflowId()))
                                .handle((ok, err) -> err == null && ok)
                                .thenCompose(ok -> recordExternal(t, r, runId, ok));
                    });
                });
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
