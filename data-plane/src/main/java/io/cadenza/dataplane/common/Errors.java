package io.cadenza.dataplane.common;

import com.google.protobuf.Any;
import com.google.protobuf.Message;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.temporal.api.errordetails.v1.NamespaceAlreadyExistsFailure;
import io.temporal.api.errordetails.v1.NamespaceNotFoundFailure;
import io.temporal.api.errordetails.v1.NotFoundFailure;
import io.temporal.api.errordetails.v1.QueryFailedFailure;
import io.temporal.api.errordetails.v1.WorkflowExecutionAlreadyStartedFailure;
import io.temporal.api.failure.v1.Failure;

/**
 * gRPC errors in the shape Temporal SDKs expect: the status code plus a {@code temporal.api.errordetails.v1}
 * detail, which the SDK inspects to raise its typed exceptions. Messages say what to fix.
 */
public final class Errors {

    private Errors() {
    }

    public static StatusRuntimeException invalidArgument(String message) {
        return status(io.grpc.Status.Code.INVALID_ARGUMENT, message, null);
    }

    public static StatusRuntimeException notFound(String message) {
        return status(io.grpc.Status.Code.NOT_FOUND, message, NotFoundFailure.getDefaultInstance());
    }

    public static StatusRuntimeException namespaceNotFound(String namespace) {
        return status(io.grpc.Status.Code.NOT_FOUND, "Namespace " + namespace + " is not found.",
                NamespaceNotFoundFailure.newBuilder().setNamespace(namespace).build());
    }

    public static StatusRuntimeException namespaceIdNotFound(String namespaceId) {
        return status(io.grpc.Status.Code.NOT_FOUND, "Namespace id " + namespaceId + " is not found.",
                NamespaceNotFoundFailure.newBuilder().setNamespace(namespaceId).build());
    }

    public static StatusRuntimeException namespaceAlreadyExists(String namespace) {
        return status(io.grpc.Status.Code.ALREADY_EXISTS, "Namespace " + namespace + " already exists.",
                NamespaceAlreadyExistsFailure.getDefaultInstance());
    }

    public static StatusRuntimeException alreadyExists(String message) {
        return status(io.grpc.Status.Code.ALREADY_EXISTS, message, null);
    }

    public static StatusRuntimeException alreadyExistsSchedule(String scheduleId) {
        return status(io.grpc.Status.Code.ALREADY_EXISTS, "Schedule with ID " + scheduleId
                + " is already registered.", null);
    }

    public static StatusRuntimeException alreadyStarted(String workflowId, String startRequestId, String runId) {
        return status(io.grpc.Status.Code.ALREADY_EXISTS,
                "Workflow execution is already running. WorkflowId: " + workflowId + ", RunId: " + runId + ".",
                WorkflowExecutionAlreadyStartedFailure.newBuilder()
                        .setStartRequestId(startRequestId).setRunId(runId).build());
    }

    public static StatusRuntimeException activityAlreadyStarted(String activityId, String startRequestId,
                                                                String runId) {
        return status(io.grpc.Status.Code.ALREADY_EXISTS,
                "Activity execution is already started. ActivityId: " + activityId + ", RunId: " + runId + ".",
                io.temporal.api.errordetails.v1.ActivityExecutionAlreadyStartedFailure.newBuilder()
                        .setStartRequestId(startRequestId).setRunId(runId).build());
    }

    public static StatusRuntimeException queryFailed(String message, Failure failure) {
        QueryFailedFailure.Builder detail = QueryFailedFailure.newBuilder();
        if (failure != null) {
            detail.setFailure(failure);
        }
        return status(io.grpc.Status.Code.INVALID_ARGUMENT, message, detail.build());
    }

    public static StatusRuntimeException unavailable(String message) {
        return status(io.grpc.Status.Code.UNAVAILABLE, message, null);
    }

    public static StatusRuntimeException deadlineExceeded(String message) {
        return status(io.grpc.Status.Code.DEADLINE_EXCEEDED, message, null);
    }

    public static StatusRuntimeException failedPrecondition(String message) {
        return status(io.grpc.Status.Code.FAILED_PRECONDITION, message, null);
    }

    /** Too much of something is waiting; SDK clients retry this with backoff. */
    public static StatusRuntimeException resourceExhausted(String message) {
        return status(io.grpc.Status.Code.RESOURCE_EXHAUSTED, message,
                io.temporal.api.errordetails.v1.ResourceExhaustedFailure.newBuilder()
                        .setCause(io.temporal.api.enums.v1.ResourceExhaustedCause.RESOURCE_EXHAUSTED_CAUSE_CONCURRENT_LIMIT)
                        .build());
    }

    public static StatusRuntimeException internal(String message) {
        return status(io.grpc.Status.Code.INTERNAL, message, null);
    }

    private static StatusRuntimeException status(io.grpc.Status.Code code, String message, Message detail) {
        com.google.rpc.Status.Builder status = com.google.rpc.Status.newBuilder()
                .setCode(code.value()).setMessage(message);
        if (detail != null) {
            status.addDetails(Any.pack(detail));
        }
        return StatusProto.toStatusRuntimeException(status.build());
    }
}
