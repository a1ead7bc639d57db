package io.cadenza.dataplane.api;

import com.google.protobuf.ByteString;
import io.cadenza.dataplane.batch.BatchRunner;
import io.cadenza.dataplane.common.Errors;
import io.cadenza.dataplane.common.Protos;
import io.cadenza.dataplane.config.DataPlaneConfig;
import io.cadenza.dataplane.namespace.Namespace;
import io.cadenza.dataplane.namespace.NamespaceRegistry;
import io.cadenza.dataplane.persistence.BatchStore;
import io.cadenza.dataplane.persistence.BatchStore.BatchJob;
import io.cadenza.dataplane.persistence.ShardLeases;
import io.cadenza.dataplane.visibility.InvalidQueryException;
import io.temporal.api.batch.v1.BatchOperationInfo;
import io.temporal.api.common.v1.Execution;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.BatchOperationState;
import io.temporal.api.enums.v1.BatchOperationType;
import io.temporal.api.workflowservice.v1.*;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * StartBatchOperation, DescribeBatchOperation, ListBatchOperations and StopBatchOperation, with Temporal's
 * semantics: a job per namespace and job id, its targets the runs a list filter matches when it starts or a list
 * of executions, run by {@link BatchRunner}. A stopped job reads FAILED, as a terminated batch does in Temporal.
 */
@ApplicationScoped
public class BatchOperationHandler {

    /** Temporal's {@code frontend.MaxExecutionCountBatchOperationPerNamespace} default. */
    static final int MAX_EXECUTIONS = 1000;
    static final int DEFAULT_PAGE_SIZE = 100;
    static final int MAX_PAGE_SIZE = 1000;

    private final NamespaceRegistry namespaces;
    private final BatchStore store;
    private final BatchRunner runner;
    private final ShardLeases shards;
    private final InstantSource clock;
    private final DataPlaneConfig.Batch config;

    public BatchOperationHandler(NamespaceRegistry namespaces, BatchStore store, BatchRunner runner,
                                 ShardLeases shards, InstantSource clock, DataPlaneConfig config) {
        this.namespaces = namespaces;
        this.store = store;
        this.runner = runner;
        this.shards = shards;
        this.clock = clock;
        this.config = config.batch();
    }

    public CompletableFuture<StartBatchOperationResponse> start(StartBatchOperationRequest request) {
        Namespace ns = namespaces.byName(request.getNamespace());
        String jobId = Executions.nonEmpty(request.getJobId(), "JobId");
        Executions.nonEmpty(request.getReason(), "Reason");
        BatchOperationType type = type(request);
        boolean byQuery = !request.getVisibilityQuery().isBlank();
        if (byQuery == (request.getExecutionsCount() > 0)) {
            throw Errors.invalidArgument("Set exactly one of VisibilityQuery and Executions to select the runs of "
                    + "the batch operation.");
        }
        if (request.getExecutionsCount() > MAX_EXECUTIONS) {
            throw Errors.invalidArgument("A batch operation takes at most " + MAX_EXECUTIONS + " executions ("
                    + request.getExecutionsCount() + " given); select more runs with VisibilityQuery.");
        }
        for (WorkflowExecution e : request.getExecutionsList()) {
            Executions.nonEmpty(e.getWorkflowId(), "WorkflowId of an execution");
        }
        if (request.getMaxOperationsPerSecond() < 0 || Float.isNaN(request.getMaxOperationsPerSecond())) {
            throw Errors.invalidArgument("MaxOperationsPerSecond must not be negative.");
        }
        // As in Temporal: the rate asked for, capped by the server's (worker.batcherRPS), which is also the default.
        double rate = request.getMaxOperationsPerSecond() > 0
                ? Math.min(request.getMaxOperationsPerSecond(), config.maxOperationsPerSecond())
                : config.maxOperationsPerSecond();
        BatchJob job = new BatchJob(ns.id(), jobId, shards.shardOf(ns.id(), "batch:" + jobId), type,
                BatchOperationState.BATCH_OPERATION_STATE_RUNNING, request.toByteArray(), request.getReason(),
                identity(request), request.getVisibilityQuery(), rate, clock.millis(), 0, 0, 0, 0);
        return create(ns, job, byQuery ? request.getVisibilityQuery() : null, request.getExecutionsList()).thenApply(created -> switch (created) {
                    case CREATED -> {
                        runner.wake();
                        yield StartBatchOperationResponse.getDefaultInstance();
                    }
                    case DUPLICATE_JOB_ID -> throw Errors.alreadyExists("A batch operation with JobId " + jobId
                            + " already exists in namespace " + ns.name() + "; choose another JobId.");
                    case TOO_MANY_RUNNING -> throw Errors.resourceExhausted("Max concurrent batch operations is "
                            + "reached: namespace " + ns.name() + " runs " + config.maxRunningPerNamespace()
                            + " at most at once; wait for a running one to finish or stop it.");
                });
    }

    public CompletableFuture<DescribeBatchOperationResponse> describe(DescribeBatchOperationRequest request) {
        Namespace ns = namespaces.byName(request.getNamespace());
        String jobId = Executions.nonEmpty(request.getJobId(), "JobId");
        return job(ns, jobId).thenApply(job -> {
            DescribeBatchOperationResponse.Builder b = DescribeBatchOperationResponse.newBuilder()
                    .setOperationType(job.type()).setJobId(job.jobId()).setState(job.state())
                    .setStartTime(Protos.timestamp(job.startMillis()))
                    .setTotalOperationCount(job.total()).setCompleteOperationCount(job.completed())
                    .setFailureOperationCount(job.failed()).setIdentity(job.identity()).setReason(job.reason())
                    .setQuery(job.query());
            if (job.closeMillis() > 0) {
                b.setCloseTime(Protos.timestamp(job.closeMillis()));
            }
            parse(job.request()).getExecutionsList().forEach(e -> b.addExecutions(Execution.newBuilder()
                    .setType(io.temporal.api.enums.v1.ExecutionType.EXECUTION_TYPE_WORKFLOW)
                    .setBusinessId(e.getWorkflowId()).setRunId(e.getRunId())));
            return b.build();
        });
    }

    public CompletableFuture<ListBatchOperationsResponse> list(ListBatchOperationsRequest request) {
        Namespace ns = namespaces.byName(request.getNamespace());
        int size = request.getPageSize() <= 0 ? DEFAULT_PAGE_SIZE : Math.min(request.getPageSize(), MAX_PAGE_SIZE);
        long afterStart = 0;
        String afterJob = null;
        if (!request.getNextPageToken().isEmpty()) {
            String token = request.getNextPageToken().toString(StandardCharsets.UTF_8);
            int colon = token.indexOf(':');
            try {
                afterStart = Long.parseLong(token.substring(0, colon));
                afterJob = token.substring(colon + 1);
            } catch (RuntimeException e) {
                throw Errors.invalidArgument("NextPageToken is not a batch operation page token.");
            }
        }
        return store.list(ns.id(), afterStart, afterJob, size + 1).toCompletableFuture().thenApply(jobs -> {
            ListBatchOperationsResponse.Builder b = ListBatchOperationsResponse.newBuilder();
            List<BatchJob> page = jobs.size() > size ? jobs.subList(0, size) : jobs;
            for (BatchJob job : page) {
                BatchOperationInfo.Builder info = BatchOperationInfo.newBuilder().setJobId(job.jobId())
                        .setState(job.state()).setStartTime(Protos.timestamp(job.startMillis()));
                if (job.closeMillis() > 0) {
                    info.setCloseTime(Protos.timestamp(job.closeMillis()));
                }
                b.addOperationInfo(info);
            }
            if (jobs.size() > size) {
                BatchJob last = page.get(page.size() - 1);
                b.setNextPageToken(ByteString.copyFromUtf8(last.startMillis() + ":" + last.jobId()));
            }
            return b.build();
        });
    }

    public CompletableFuture<StopBatchOperationResponse> stop(StopBatchOperationRequest request) {
        Namespace ns = namespaces.byName(request.getNamespace());
        String jobId = Executions.nonEmpty(request.getJobId(), "JobId");
        Executions.nonEmpty(request.getReason(), "Reason");
        return job(ns, jobId).thenCompose(job -> store.close(ns.id(), jobId,
                        BatchOperationState.BATCH_OPERATION_STATE_FAILED, clock.millis()).toCompletableFuture())
                .thenApply(stopped -> {
                    if (!stopped) {
                        throw Errors.failedPrecondition("Batch operation " + jobId + " is not running anymore.");
                    }
                    runner.stopped(ns.id(), jobId);
                    return StopBatchOperationResponse.getDefaultInstance();
                });
    }

    private CompletableFuture<BatchJob> job(Namespace ns, String jobId) {
        return store.find(ns.id(), jobId).toCompletableFuture().thenApply(job -> job.orElseThrow(() ->
                Errors.notFound("Batch operation " + jobId + " is not found in namespace " + ns.name() + ".")));
    }

    private static BatchOperationType type(StartBatchOperationRequest request) {
        return switch (request.getOperationCase()) {
            case TERMINATION_OPERATION -> BatchOperationType.BATCH_OPERATION_TYPE_TERMINATE;
            case CANCELLATION_OPERATION -> BatchOperationType.BATCH_OPERATION_TYPE_CANCEL;
            case SIGNAL_OPERATION -> {
                Executions.nonEmpty(request.getSignalOperation().getSignal(), "Signal");
                yield BatchOperationType.BATCH_OPERATION_TYPE_SIGNAL;
            }
            case RESET_OPERATION -> {
                var options = io.cadenza.dataplane.batch.BatchOperations.options(request.getResetOperation());
                if (!options.hasFirstWorkflowTask() && !options.hasLastWorkflowTask() && !options.hasWorkflowTaskId()) {
                    throw Errors.invalidArgument("A batch reset needs a reset point: first workflow task, last "
                            + "workflow task or a workflow task id (reset to a build id is not supported).");
                }
                yield BatchOperationType.BATCH_OPERATION_TYPE_RESET;
            }
            case DELETION_OPERATION -> BatchOperationType.BATCH_OPERATION_TYPE_DELETE;
            case OPERATION_NOT_SET -> throw Errors.invalidArgument("Set the batch operation: termination, "
                    + "cancellation, signal, deletion or reset.");
            default -> throw Errors.invalidArgument("Batch operation " + request.getOperationCase() + " is not "
                    + "supported; the operations supported are termination, cancellation, signal, deletion and reset.");
        };
    }

    private static String identity(StartBatchOperationRequest request) {
        return switch (request.getOperationCase()) {
            case TERMINATION_OPERATION -> request.getTerminationOperation().getIdentity();
            case CANCELLATION_OPERATION -> request.getCancellationOperation().getIdentity();
            case SIGNAL_OPERATION -> request.getSignalOperation().getIdentity();
            case RESET_OPERATION -> request.getResetOperation().getIdentity();
            case DELETION_OPERATION -> request.getDeletionOperation().getIdentity();
            default -> "";
        };
    }

    private CompletableFuture<BatchStore.Created> create(Namespace ns, BatchJob job, String query,
                                                         List<WorkflowExecution> executions) {
        try {
            return store.create(job, query, ns.indexedAttributes(), executions, config.maxRunningPerNamespace())
                    .toCompletableFuture();
        } catch (InvalidQueryException e) {
            throw Errors.invalidArgument("Invalid query: " + e.getMessage());
        }
    }

    private static StartBatchOperationRequest parse(byte[] bytes) {
        return Protos.parse(StartBatchOperationRequest.parser(), bytes,
                StartBatchOperationRequest.getDefaultInstance());
    }
}
