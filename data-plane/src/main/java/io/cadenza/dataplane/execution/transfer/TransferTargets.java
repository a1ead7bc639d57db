package io.cadenza.dataplane.execution.transfer;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cadenza.dataplane.common.ExecutionKey;
import io.cadenza.dataplane.common.Protos;
import io.cadenza.dataplane.config.DataPlaneConfig;
import io.cadenza.dataplane.execution.ExecutionContext;
import io.cadenza.dataplane.execution.ExecutionManager;
import io.cadenza.dataplane.execution.NewRun;
import io.cadenza.dataplane.execution.StartPolicies;
import io.cadenza.dataplane.execution.WorkflowTransitions;
import io.cadenza.dataplane.execution.child.ChildInfo;
import io.cadenza.dataplane.execution.child.ChildTransitions;
import io.cadenza.dataplane.execution.child.ExternalRequest;
import io.cadenza.dataplane.execution.state.ParentRef;
import io.cadenza.dataplane.namespace.Namespace;
import io.cadenza.dataplane.namespace.NamespaceRegistry;
import io.cadenza.dataplane.persistence.ShardLeases;
import io.grpc.StatusRuntimeException;
import io.temporal.api.history.v1.StartChildWorkflowExecutionInitiatedEventAttributes;
import io.temporal.api.common.v1.Header;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.history.v1.HistoryEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The steps of transfers that change or read the <em>target</em> run (a child to start, a parent to report to, a
 * run to signal or cancel, a child under a parent close policy). Each runs where the target's shard is held: here,
 * or, in a cell of several instances, on the holder through {@link Remote} (arguments and results as JSON). The
 * issuing run's side of a transfer stays with {@link TransferExecutor} on the issuer's holder.
 */
@ApplicationScoped
public class TransferTargets {

    /** Runs a target step on the instance holding {@code target}'s shard. */
    public interface Remote {
        CompletableFuture<byte[]> call(int shard, String op, byte[] payload);
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final ExecutionManager manager;
    private final NamespaceRegistry namespaces;
    private final ShardLeases shards;
    private final InstantSource clock;
    private final DataPlaneConfig config;
    private volatile Remote remote;

    public TransferTargets(ExecutionManager manager, NamespaceRegistry namespaces, ShardLeases shards,
                           InstantSource clock, DataPlaneConfig config) {
        this.manager = manager;
        this.namespaces = namespaces;
        this.shards = shards;
        this.clock = clock;
        this.config = config;
    }

    /** Set by the cell when other instances may hold target runs. */
    public void remote(Remote remote) {
        this.remote = remote;
    }

    public record StartChildArgs(ParentRef parent, String namespaceId, byte[] attributes, String requestId) {
    }

    /** {@code outcome}: CREATE, USE_EXISTING or FAIL (the id is taken). */
    public record ChildStart(String outcome, String runId) {
    }

    public record ReportArgs(String childNamespaceId, String childWorkflowId, String childRunId, ParentRef parent,
                             byte[] closeEvent) {
    }

    public record RunArgs(String namespaceId, String workflowId, String runId) {
    }

    public record CloseChildArgs(String namespaceId, String workflowId, String runId, String parentWorkflowId,
                                 int policy) {
    }

    public record DeliverArgs(String namespaceId, String workflowId, String runId, ExternalRequest request,
                              String sourceWorkflowId) {
    }

    /** Creates the child run (on its shard's holder). */
    public CompletableFuture<ChildStart> startChild(StartChildArgs a) {
        String workflowId = parseAttributes(a.attributes()).getWorkflowId();
        return routed(a.namespaceId(), workflowId, "startChild", a, ChildStart.class, () -> startChildHere(a));
    }

    /** Records a child's close on its parent (on the parent's holder). */
    public CompletableFuture<Boolean> reportToParent(ReportArgs a) {
        return routed(a.parent().namespaceId, a.parent().workflowId, "report", a, Boolean.class,
                () -> reportHere(a));
    }

    /** The last event of a closed child (empty when none). */
    public CompletableFuture<byte[]> lastEvent(RunArgs a) {
        return routed(a.namespaceId(), a.workflowId(), "lastEvent", a, byte[].class, () -> lastEventHere(a));
    }

    /** Terminates or requests cancellation of a child whose parent closed. */
    public CompletableFuture<Boolean> closeChild(CloseChildArgs a) {
        return routed(a.namespaceId(), a.workflowId(), "closeChild", a, Boolean.class, () -> closeChildHere(a));
    }

    /** Applies a signal or cancellation request to its target; false if the target cannot take it. */
    public CompletableFuture<Boolean> deliver(DeliverArgs a) {
        return routed(a.namespaceId(), a.workflowId(), "deliver", a, Boolean.class, () -> deliverHere(a));
    }

    /** The holder's side of {@link Remote#call}: runs the step here, the result as JSON. */
    public CompletableFuture<byte[]> serve(String op, byte[] payload) {
        CompletableFuture<?> result = switch (op) {
            case "startChild" -> startChildHere(read(payload, StartChildArgs.class));
            case "report" -> reportHere(read(payload, ReportArgs.class));
            case "lastEvent" -> lastEventHere(read(payload, RunArgs.class));
            case "closeChild" -> closeChildHere(read(payload, CloseChildArgs.class));
            case "deliver" -> deliverHere(read(payload, DeliverArgs.class));
            default -> CompletableFuture.failedFuture(new IllegalArgumentException("unknown transfer step " + op));
        };
        return result.thenApply(TransferTargets::write);
    }

    private <R> CompletableFuture<R> routed(String namespaceId, String workflowId, String op, Object args,
                                            Class<R> type, Supplier<CompletableFuture<R>> here) {
        int shard = shards.shardOf(namespaceId, workflowId);
        Remote r = remote;
        if (r == null || shards.owns(shard)) {
            return here.get();
        }
        return r.call(shard, op, write(args)).thenApply(bytes -> read(bytes, type));
    }

    private CompletableFuture<ChildStart> startChildHere(StartChildArgs a) {
        Namespace ns = namespaces.byId(a.namespaceId());
        var attrs = parseAttributes(a.attributes());
        NewRun run = new NewRun();
        run.workflowId = attrs.getWorkflowId();
        run.runId = io.cadenza.dataplane.common.Ids.uuid();
        run.workflowType = attrs.getWorkflowType().getName();
        run.taskQueue = attrs.getTaskQueue().getName();
        run.input = attrs.hasInput() ? attrs.getInput() : null;
        run.executionTimeoutMillis = Protos.millis(attrs.getWorkflowExecutionTimeout());
        run.runTimeoutMillis = Protos.millis(attrs.getWorkflowRunTimeout());
        run.taskTimeoutMillis = Protos.millis(attrs.getWorkflowTaskTimeout());
        run.requestId = a.requestId();
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
        run.parent = a.parent();
        ExecutionContext childCtx = run.firstEvents(ns, clock.millis(), config.defaultWorkflowTaskTimeoutMillis());
        run.scheduleFirstWorkflowTask(childCtx);
        return manager.create(childCtx, run.requestId, current -> StartPolicies.decide(run.workflowId,
                        run.requestId, attrs.getWorkflowIdReusePolicy(),
                        WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL, current))
                .thenApply(decision -> switch (decision.outcome()) {
                    case CREATE -> new ChildStart("CREATE", run.runId);
                    case USE_EXISTING -> new ChildStart("USE_EXISTING", decision.existingRunId());
                    default -> new ChildStart("FAIL", null);
                });
    }

    private CompletableFuture<Boolean> reportHere(ReportArgs a) {
        ParentRef p = a.parent();
        ExecutionKey parent = new ExecutionKey(p.namespaceId, p.workflowId, p.runId);
        HistoryEvent closeEvent = Protos.parse(HistoryEvent.parser(), a.closeEvent(), HistoryEvent.getDefaultInstance());
        return manager.update(parent, ctx -> {
            ChildInfo c = ctx.state().children.get(p.initiatedEventId);
            if (ctx.state().isRunning() && c != null && c.workflowId.equals(a.childWorkflowId())) {
                ChildTransitions.childClosed(ctx, c, a.childRunId(), a.childNamespaceId(), closeEvent);
            }
            return true;
        });
    }

    private CompletableFuture<byte[]> lastEventHere(RunArgs a) {
        ExecutionKey child = new ExecutionKey(a.namespaceId(), a.workflowId(), a.runId());
        return manager.read(child, s -> s.nextEventId())
                .thenCompose(next -> manager.readHistory(child, next - 1, next, 1))
                .thenApply(events -> events.isEmpty() ? new byte[0] : events.get(0).toByteArray());
    }

    private CompletableFuture<Boolean> closeChildHere(CloseChildArgs a) {
        ExecutionKey child = new ExecutionKey(a.namespaceId(), a.workflowId(), a.runId());
        return manager.update(child, ctx -> {
            if (!ctx.state().isRunning()) {
                return true;
            }
            String reason = "by parent close policy of " + a.parentWorkflowId();
            if (a.policy() == ParentClosePolicy.PARENT_CLOSE_POLICY_REQUEST_CANCEL_VALUE) {
                WorkflowTransitions.requestCancel(ctx, reason, "cadenza");
            } else {
                WorkflowTransitions.terminate(ctx, reason, null, "cadenza");
            }
            return true;
        });
    }

    private CompletableFuture<Boolean> deliverHere(DeliverArgs a) {
        ExecutionKey key = new ExecutionKey(a.namespaceId(), a.workflowId(), a.runId());
        ExternalRequest r = a.request();
        return manager.update(key, ctx -> {
            var s = ctx.state();
            if (r.childWorkflowOnly && (s.info.parent == null
                    || !s.info.parent.workflowId.equals(a.sourceWorkflowId()))) {
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
        });
    }

    private static StartChildWorkflowExecutionInitiatedEventAttributes parseAttributes(byte[] bytes) {
        try {
            return StartChildWorkflowExecutionInitiatedEventAttributes.parseFrom(bytes);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static byte[] write(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T read(byte[] bytes, Class<T> type) {
        try {
            return JSON.readValue(bytes, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether a failure means the target does not exist (so retrying is pointless). */
    static boolean isStatus(Throwable t) {
        return t instanceof StatusRuntimeException;
    }
}
