package io.cadenza.dataplane.visibility;

/**
 * A visibility query that cannot be run: malformed, naming an unknown search attribute, using an operator the
 * attribute's type does not support, or giving a value of the wrong type. The gRPC layer answers it with
 * {@code INVALID_ARGUMENT}.
 *
 * <p>Messages follow Temporal's wording ({@code malformed SQL query: ...}, {@code invalid expression: ...},
 * {@code operation is not supported: ...}, {@code invalid search attribute: ...}) and end with
 * {@code " at position N"} when the problem is at a place in the query.
 */
public final class InvalidQueryException extends RuntimeException {

    private final int position;

    InvalidQueryException(String message, int position) {
        super(position > 0 ? message + " at position " + position : message);
        this.position = position;
    }

    /** The 1-based character position in the query the problem was found at, or 0 when it is not tied to one. */
    public int position() {
        return position;
    }

    static InvalidQueryException malformed(String detail, int position) {
        return new InvalidQueryException("malformed SQL query: " + detail, position);
    }

    static InvalidQueryException invalid(String detail, int position) {
        return new InvalidQueryException("invalid expression: " + detail, position);
    }

    static InvalidQueryException notSupported(String detail, int position) {
        return new InvalidQueryException("operation is not supported: " + detail, position);
    }
}
