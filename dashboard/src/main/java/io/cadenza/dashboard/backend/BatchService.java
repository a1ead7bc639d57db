package io.cadenza.dashboard.backend;

import io.cadenza.dashboard.security.UserToken;
import io.temporal.api.batch.v1.BatchOperationCancellation;
import io.temporal.api.batch.v1.BatchOperationInfo;
import io.temporal.api.batch.v1.BatchOperationSignal;
import io.temporal.api.batch.v1.BatchOperationTermination;
import io.temporal.api.enums.v1.BatchOperationState;
import io.temporal.api.workflowservice.v1.DescribeBatchOperationRequest;
import io.temporal.api.workflowservice.v1.DescribeBatchOperationResponse;
import io.temporal.api.workflowservice.v1.ListBatchOperationsRequest;
import io.temporal.api.workflowservice.v1.StartBatchOperationRequest;
import io.temporal.api.workflowservice.v1.StopBatchOperationRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;

/**
 * Batch operations (Temporal's StartBatchOperation API) with the user's token: terminate, cancel or signal every
 * running workflow that a list filter matches, follow a job's progress, list a namespace's jobs, stop one.
 */
@ApplicationScoped
public class BatchService {

    /** What a batch does to each workflow. */
    public enum Kind {
        TERMINATE("Terminate"), CANCEL("Cancel"), SIGNAL("Signal");

        public final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    @Inject
    TemporalChannel temporal;

    /** The list filter a batch from {@code query} works on: only running workflows can be acted on. */
    public static String runningOnly(String query) {
        return ListFilter.andStatus(query, "Running");
    }

    /** Starts a batch over the running workflows {@code query} matches; returns its job id. */
    public String start(UserToken user, String namespace, String query, Kind kind, String reason, String signalName,
                        String signalInputJson) {
        String jobId = "dashboard-" + UUID.randomUUID();
        String why = reason == null || reason.isBlank()
                ? kind.label.toLowerCase() + " from the dashboard by " + user.email() : reason.trim();
        StartBatchOperationRequest.Builder b = StartBatchOperationRequest.newBuilder().setNamespace(namespace)
                .setJobId(jobId).setReason(why).setVisibilityQuery(runningOnly(query));
        switch (kind) {
            case TERMINATE -> b.setTerminationOperation(BatchOperationTermination.newBuilder()
                    .setIdentity(user.temporalIdentity()));
            case CANCEL -> b.setCancellationOperation(BatchOperationCancellation.newBuilder()
                    .setIdentity(user.temporalIdentity()));
            case SIGNAL -> {
                if (signalName == null || signalName.isBlank()) {
                    throw new BackendException("A signal needs a name", 400);
                }
                b.setSignalOperation(BatchOperationSignal.newBuilder().setSignal(signalName.trim())
                        .setInput(PayloadText.fromJson(signalInputJson)).setIdentity(user.temporalIdentity()));
            }
        }
        TemporalChannel.call("Starting the batch", () -> temporal.stub(user, namespace).startBatchOperation(b.build()));
        return jobId;
    }

    public DescribeBatchOperationResponse describe(UserToken user, String namespace, String jobId) {
        return TemporalChannel.call("The batch", () -> temporal.stub(user, namespace).describeBatchOperation(
                DescribeBatchOperationRequest.newBuilder().setNamespace(namespace).setJobId(jobId).build()));
    }

    /** The namespace's batches, newest first (one page of 100). */
    public List<BatchOperationInfo> list(UserToken user, String namespace) {
        return TemporalChannel.call("The batch history", () -> temporal.stub(user, namespace).listBatchOperations(
                ListBatchOperationsRequest.newBuilder().setNamespace(namespace).setPageSize(100).build()))
                .getOperationInfoList();
    }

    public void stop(UserToken user, String namespace, String jobId) {
        TemporalChannel.call("Stopping the batch", () -> temporal.stub(user, namespace).stopBatchOperation(
                StopBatchOperationRequest.newBuilder().setNamespace(namespace).setJobId(jobId)
                        .setReason("stopped from the dashboard by " + user.email())
                        .setIdentity(user.temporalIdentity()).build()));
    }

    /** "Running", "Completed" or "Stopped or failed", as people read a batch's state. */
    public static String state(BatchOperationState state) {
        return switch (state) {
            case BATCH_OPERATION_STATE_RUNNING -> "Running";
            case BATCH_OPERATION_STATE_COMPLETED -> "Completed";
            case BATCH_OPERATION_STATE_FAILED -> "Stopped or failed";
            default -> "Unknown";
        };
    }

    /** "Terminate", "Cancel", "Signal", "Reset", "Delete". */
    public static String action(io.temporal.api.enums.v1.BatchOperationType type) {
        String name = type.name().replace("BATCH_OPERATION_TYPE_", "").replace("_WORKFLOW", "").toLowerCase();
        return name.isEmpty() ? "?" : Character.toUpperCase(name.charAt(0)) + name.substring(1).replace('_', ' ');
    }

    /** "12 of 50 done, 1 failed". */
    public static String progress(DescribeBatchOperationResponse d) {
        long handled = d.getCompleteOperationCount() + d.getFailureOperationCount();
        return handled + " of " + d.getTotalOperationCount() + " done"
                + (d.getFailureOperationCount() > 0 ? ", " + d.getFailureOperationCount() + " failed" : "");
    }
}
