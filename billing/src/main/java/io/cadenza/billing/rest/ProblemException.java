package io.cadenza.billing.rest;

/** An error answered as RFC 9457 problem JSON. */
public class ProblemException extends RuntimeException {
    private final int status;
    private final String type;
    private final String title;

    public ProblemException(int status, String type, String title, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
    }

    public static ProblemException invalid(String field, String message) {
        return new ProblemException(400, "validation", "Invalid request", "'" + field + "' " + message);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "not-found", "Not found", detail);
    }

    public static ProblemException unauthorized(String detail) {
        return new ProblemException(401, "unauthorized", "Unauthorized", detail);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "forbidden", "Forbidden", detail);
    }

    public static ProblemException unavailable(String detail) {
        return new ProblemException(503, "unavailable", "Service unavailable", detail);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }
}
