package io.cadenza.dataplane.common;

import io.cadenza.dataplane.common.error.CadenzaException.Kind;
import io.cadenza.dataplane.common.error.CadenzaException;
import io.cadenza.dataplane.common.error.ErrorDetail;
import io.temporal.api.enums.v1.ResourceExhaustedCause;
import io.temporal.api.failure.v1.Failure;

/**
 * The engine's errors, as {@link CadenzaException}s with the kind and typed detail Temporal SDKs expect once the
 * gRPC adapter has mapped them ({@code grpc.StatusMapping}). Messages say what to fix.
 */
public final class Errors {

    private Errors() {
    }

    public static CadenzaException invalidArgument(String message) {
        return new CadenzaException(Kind.INVALID_ARGUMENT, message);
    }

    public static CadenzaException notFound(String message) {
        return new CadenzaException(Kind.NOT_FOUND, message, new ErrorDetail.NotFound());
    }

    public static CadenzaException namespaceNotFound(String namespace) {
        return new CadenzaException(Kind.NOT_FOUND, "Namespace " + namespace + " is not found.",
                new ErrorDetail.NamespaceNotFound(namespace));
    }

    public static CadenzaException namespaceIdNotFound(String namespaceId) {
        return new CadenzaException(Kind.NOT_FOUND, "Namespace id " + namespaceId + " is not found.",
                new ErrorDetail.NamespaceNotFound(namespaceId));
    }

    public static CadenzaException namespaceAlreadyExists(String namespace) {
        return new CadenzaException(Kind.ALREADY_EXISTS, "Namespace " + namespace + " already exists.",
                new ErrorDetail.NamespaceAlreadyExists());
    }

    public static CadenzaException alreadyExists(String message) {
        return new CadenzaException(Kind.ALREADY_EXISTS, message);
    }

    public static CadenzaException alreadyExistsSchedule(String scheduleId) {
        return alreadyExists("Schedule with ID " + scheduleId + " is already registered.");
    }

    public static CadenzaException alreadyStarted(String workflowId, String startRequestId, String runId) {
        return new CadenzaException(Kind.ALREADY_EXISTS,
                "Workflow execution is already running. WorkflowId: " + workflowId + ", RunId: " + runId + ".",
                new ErrorDetail.WorkflowExecutionAlreadyStarted(startRequestId, runId));
    }

    public static CadenzaException activityAlreadyStarted(String activityId, String startRequestId, String runId) {
        return new CadenzaException(Kind.ALREADY_EXISTS,
                "Activity execution is already started. ActivityId: " + activityId + ", RunId: " + runId + ".",
                new ErrorDetail.ActivityExecutionAlreadyStarted(startRequestId, runId));
    }

    /** The workflow's query handler failed ({@code failure} may be null); INVALID_ARGUMENT as in Temporal. */
    public static CadenzaException queryFailed(String message, Failure failure) {
        return new CadenzaException(Kind.INVALID_ARGUMENT, message, new ErrorDetail.QueryFailed(failure));
    }

    public static CadenzaException unavailable(String message) {
        return new CadenzaException(Kind.UNAVAILABLE, message);
    }

    public static CadenzaException deadlineExceeded(String message) {
        return new CadenzaException(Kind.DEADLINE_EXCEEDED, message);
    }

    public static CadenzaException failedPrecondition(String message) {
        return new CadenzaException(Kind.FAILED_PRECONDITION, message);
    }

    /** Too much of something is waiting; SDK clients retry this with backoff. */
    public static CadenzaException resourceExhausted(String message) {
        return new CadenzaException(Kind.RESOURCE_EXHAUSTED, message,
                new ErrorDetail.ResourceExhausted(ResourceExhaustedCause.RESOURCE_EXHAUSTED_CAUSE_CONCURRENT_LIMIT));
    }

    public static CadenzaException internal(String message) {
        return new CadenzaException(Kind.INTERNAL, message);
    }
}
