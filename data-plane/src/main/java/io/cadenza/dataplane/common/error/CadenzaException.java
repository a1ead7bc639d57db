package io.cadenza.dataplane.common.error;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * A refused or failed request, as the engine says it: a {@link Kind} (what the client should do about it), a message
 * that says what to fix, and optionally a typed {@link ErrorDetail} that SDKs inspect to raise their typed
 * exceptions. Everything below the adapters throws these; {@code grpc.StatusMapping} turns them into gRPC statuses
 * (with Temporal's {@code errordetails} protos) and {@code human.api.Problems} into HTTP problem documents, each in
 * one place. Make them with {@link io.cadenza.dataplane.common.Errors}.
 */
public class CadenzaException extends RuntimeException {

    /** What kind of refusal this is; the names follow the gRPC codes they map to. */
    public enum Kind {
        /** The request is wrong; retrying it unchanged fails again. */
        INVALID_ARGUMENT,
        NOT_FOUND,
        ALREADY_EXISTS,
        /** The request is right but the state it acts on does not allow it now. */
        FAILED_PRECONDITION,
        /** Too much of something is waiting or running; retry with backoff. */
        RESOURCE_EXHAUSTED,
        PERMISSION_DENIED,
        /** Transient: retry (possibly on another instance). */
        UNAVAILABLE,
        /** A concurrent change won; retry the whole operation. */
        ABORTED,
        CANCELLED,
        DEADLINE_EXCEEDED,
        /** A bug or broken invariant on the server. */
        INTERNAL
    }

    private final Kind kind;
    private final transient ErrorDetail detail;

    public CadenzaException(Kind kind, String message) {
        this(kind, message, null);
    }

    public CadenzaException(Kind kind, String message, ErrorDetail detail) {
        super(message);
        this.kind = kind;
        this.detail = detail;
    }

    public Kind kind() {
        return kind;
    }

    /** The typed detail, or null. */
    public ErrorDetail detail() {
        return detail;
    }

    /** Whether {@code error} (possibly wrapped by a future) is a {@link CadenzaException} of {@code kind}. */
    public static boolean is(Throwable error, Kind kind) {
        return unwrap(error) instanceof CadenzaException e && e.kind == kind;
    }

    /** {@code error} without the {@link CompletionException}/{@link ExecutionException} wrappers of futures. */
    public static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    @Override
    public String toString() {
        return kind + ": " + getMessage();
    }
}
