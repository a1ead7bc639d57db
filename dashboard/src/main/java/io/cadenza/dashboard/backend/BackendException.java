package io.cadenza.dashboard.backend;

/**
 * A backend refused or failed a call. The message is written for the person using the dashboard (what went wrong and
 * what they can do); it is shown as is, never with a stack trace.
 */
public class BackendException extends RuntimeException {

    private final int httpStatus;

    public BackendException(String message, int httpStatus, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
    }

    public BackendException(String message, int httpStatus) {
        this(message, httpStatus, null);
    }

    /** The HTTP status (or the closest one for a gRPC status); 0 when the backend was not reached. */
    public int httpStatus() {
        return httpStatus;
    }

    public boolean notFound() {
        return httpStatus == 404;
    }

    public boolean forbidden() {
        return httpStatus == 403;
    }
}
