package io.cadenza.dashboard.backend;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/** Turns gRPC statuses into messages for people, keeping the server's own explanation. */
final class GrpcErrors {

    private GrpcErrors() {
    }

    static BackendException readable(String what, StatusRuntimeException e) {
        Status status = e.getStatus();
        String detail = status.getDescription() == null ? "" : status.getDescription();
        String message = switch (status.getCode()) {
            case INVALID_ARGUMENT -> what + " was refused: " + detail;
            // the server's explanation says more than "not found" (e.g. "Workflow execution already completed")
            case NOT_FOUND -> what + ": " + (detail.isEmpty() ? "not found" : detail);
            case ALREADY_EXISTS, FAILED_PRECONDITION -> what + ": " + detail;
            case PERMISSION_DENIED -> "Your role does not allow this (" + what + ")"
                    + (detail.isEmpty() ? "" : ": " + detail);
            case UNAUTHENTICATED -> "Your session is no longer valid; reload the page to sign in again"
                    + (detail.isEmpty() ? "" : " (" + detail + ")");
            case RESOURCE_EXHAUSTED -> "Too many requests for this namespace right now; try again in a moment"
                    + (detail.isEmpty() ? "" : " (" + detail + ")");
            case UNAVAILABLE -> "The workflow service is not reachable right now; try again in a moment";
            case DEADLINE_EXCEEDED -> what + " took too long; try again, or narrow the query";
            case UNIMPLEMENTED -> what + " is not supported by this server";
            default -> what + " failed: " + (detail.isEmpty() ? status.getCode().name() : detail);
        };
        return new BackendException(message, httpStatus(status.getCode()), e);
    }

    private static int httpStatus(Status.Code code) {
        return switch (code) {
            case INVALID_ARGUMENT, FAILED_PRECONDITION -> 400;
            case UNAUTHENTICATED -> 401;
            case PERMISSION_DENIED -> 403;
            case NOT_FOUND -> 404;
            case ALREADY_EXISTS, ABORTED -> 409;
            case RESOURCE_EXHAUSTED -> 429;
            case UNAVAILABLE -> 503;
            case DEADLINE_EXCEEDED -> 504;
            default -> 500;
        };
    }
}
