package io.cadenza.dataplane.api;

import io.cadenza.dataplane.batch.BatchOperation;
import io.cadenza.dataplane.batch.BatchOperations;
import io.cadenza.dataplane.batch.BatchRequests;
import io.cadenza.dataplane.common.Protos;
import io.temporal.api.workflowservice.v1.StartBatchOperationRequest;
import jakarta.enterprise.context.ApplicationScoped;

/** Batch jobs are stored with their StartBatchOperation request; this reads its operation for the batch runner. */
@ApplicationScoped
public class BatchRequestDecoder implements BatchRequests {

    @Override
    public BatchOperation operation(byte[] storedRequest) {
        StartBatchOperationRequest request = Protos.parse(StartBatchOperationRequest.parser(), storedRequest,
                StartBatchOperationRequest.getDefaultInstance());
        return operation(request);
    }

    static BatchOperation operation(StartBatchOperationRequest request) {
        String reason = request.getReason();
        return switch (request.getOperationCase()) {
            case TERMINATION_OPERATION -> new BatchOperation.Terminate(reason,
                    request.getTerminationOperation().getIdentity(), request.getTerminationOperation().getDetails());
            case CANCELLATION_OPERATION -> new BatchOperation.Cancel(reason,
                    request.getCancellationOperation().getIdentity());
            case SIGNAL_OPERATION -> {
                var signal = request.getSignalOperation();
                yield new BatchOperation.Signal(reason, signal.getSignal(), signal.getInput(), signal.getHeader(),
                        signal.getIdentity());
            }
            case RESET_OPERATION -> new BatchOperation.Reset(reason,
                    BatchOperations.options(request.getResetOperation()));
            case DELETION_OPERATION -> new BatchOperation.Delete(reason, request.getDeletionOperation().getIdentity());
            default -> new BatchOperation.Unsupported(reason, request.getOperationCase().name());
        };
    }
}
