package io.cadenza.dataplane.grpc;

import com.google.protobuf.Any;
import com.google.protobuf.Message;
import io.cadenza.dataplane.common.error.CadenzaException;
import io.cadenza.dataplane.common.error.ErrorDetail;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.temporal.api.errordetails.v1.ActivityExecutionAlreadyStartedFailure;
import io.temporal.api.errordetails.v1.NamespaceAlreadyExistsFailure;
import io.temporal.api.errordetails.v1.NamespaceNotFoundFailure;
import io.temporal.api.errordetails.v1.NotFoundFailure;
import io.temporal.api.errordetails.v1.QueryFailedFailure;
import io.temporal.api.errordetails.v1.ResourceExhaustedFailure;
import io.temporal.api.errordetails.v1.WorkflowExecutionAlreadyStartedFailure;

/**
 * The one mapping of the engine's {@link CadenzaException}s to gRPC: the kind becomes the status code, the message
 * its description, and the typed detail the {@code temporal.api.errordetails.v1} proto that Temporal SDKs unpack
 * from the {@code grpc-status-details-bin} trailer.
 */
public final class StatusMapping {

    private StatusMapping() {
    }

    public static StatusRuntimeException toStatus(CadenzaException e) {
        com.google.rpc.Status.Builder status = com.google.rpc.Status.newBuilder()
                .setCode(code(e.kind()).value()).setMessage(e.getMessage() == null ? "" : e.getMessage());
        Message detail = detail(e.detail());
        if (detail != null) {
            status.addDetails(Any.pack(detail));
        }
        return StatusProto.toStatusRuntimeException(status.build());
    }

    static Status.Code code(CadenzaException.Kind kind) {
        return switch (kind) {
            case INVALID_ARGUMENT -> Status.Code.INVALID_ARGUMENT;
            case NOT_FOUND -> Status.Code.NOT_FOUND;
            case ALREADY_EXISTS -> Status.Code.ALREADY_EXISTS;
            case FAILED_PRECONDITION -> Status.Code.FAILED_PRECONDITION;
            case RESOURCE_EXHAUSTED -> Status.Code.RESOURCE_EXHAUSTED;
            case PERMISSION_DENIED -> Status.Code.PERMISSION_DENIED;
            case UNAVAILABLE -> Status.Code.UNAVAILABLE;
            case ABORTED -> Status.Code.ABORTED;
            case CANCELLED -> Status.Code.CANCELLED;
            case DEADLINE_EXCEEDED -> Status.Code.DEADLINE_EXCEEDED;
            case INTERNAL -> Status.Code.INTERNAL;
        };
    }

    static Message detail(ErrorDetail detail) {
        if (detail == null) {
            return null;
        }
        if (detail instanceof ErrorDetail.NotFound) {
            return NotFoundFailure.getDefaultInstance();
        }
        if (detail instanceof ErrorDetail.NamespaceNotFound d) {
            return NamespaceNotFoundFailure.newBuilder().setNamespace(d.namespace()).build();
        }
        if (detail instanceof ErrorDetail.NamespaceAlreadyExists) {
            return NamespaceAlreadyExistsFailure.getDefaultInstance();
        }
        if (detail instanceof ErrorDetail.WorkflowExecutionAlreadyStarted d) {
            return WorkflowExecutionAlreadyStartedFailure.newBuilder()
                    .setStartRequestId(d.startRequestId()).setRunId(d.runId()).build();
        }
        if (detail instanceof ErrorDetail.ActivityExecutionAlreadyStarted d) {
            return ActivityExecutionAlreadyStartedFailure.newBuilder()
                    .setStartRequestId(d.startRequestId()).setRunId(d.runId()).build();
        }
        if (detail instanceof ErrorDetail.QueryFailed d) {
            QueryFailedFailure.Builder q = QueryFailedFailure.newBuilder();
            if (d.failure() != null) {
                q.setFailure(d.failure());
            }
            return q.build();
        }
        if (detail instanceof ErrorDetail.ResourceExhausted d) {
            return ResourceExhaustedFailure.newBuilder().setCause(d.cause()).build();
        }
        throw new IllegalArgumentException("no gRPC detail for " + detail);
    }
}
