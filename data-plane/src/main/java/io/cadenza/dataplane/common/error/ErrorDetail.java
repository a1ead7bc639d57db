package io.cadenza.dataplane.common.error;

import io.temporal.api.enums.v1.ResourceExhaustedCause;
import io.temporal.api.failure.v1.Failure;

/**
 * The typed details Temporal puts in a {@code google.rpc.Status} ({@code temporal.api.errordetails.v1}): SDKs read
 * them to raise e.g. {@code WorkflowExecutionAlreadyStarted} with the existing run id, or {@code NamespaceNotFound}.
 * Each record here maps to exactly one of those protos in {@code grpc.StatusMapping}.
 */
public sealed interface ErrorDetail {

    /** {@code NotFoundFailure}: the addressed run, task or entity does not exist. */
    record NotFound() implements ErrorDetail {
    }

    /** {@code NamespaceNotFoundFailure}. */
    record NamespaceNotFound(String namespace) implements ErrorDetail {
    }

    /** {@code NamespaceAlreadyExistsFailure}. */
    record NamespaceAlreadyExists() implements ErrorDetail {
    }

    /** {@code WorkflowExecutionAlreadyStartedFailure}: the run that holds the workflow id. */
    record WorkflowExecutionAlreadyStarted(String startRequestId, String runId) implements ErrorDetail {
    }

    /** {@code ActivityExecutionAlreadyStartedFailure}: the run that holds the standalone activity id. */
    record ActivityExecutionAlreadyStarted(String startRequestId, String runId) implements ErrorDetail {
    }

    /** {@code QueryFailedFailure}: the workflow's query handler failed; {@code failure} may be null. */
    record QueryFailed(Failure failure) implements ErrorDetail {
    }

    /** {@code ResourceExhaustedFailure}: which limit was hit. */
    record ResourceExhausted(ResourceExhaustedCause cause) implements ErrorDetail {
    }
}
