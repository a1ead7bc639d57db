package io.cadenza.terraform.cadenza;

import java.util.List;

/** A refused REST call: the RFC 9457 problem the control plane answered with. */
public final class ApiException extends RuntimeException {
    public record FieldError(String field, String message) {
    }

    private final int status;
    private final String detail;
    private final List<FieldError> errors;

    public ApiException(int status, String title, String detail, List<FieldError> errors) {
        super(status + " " + title + (detail == null || detail.isBlank() ? "" : ": " + detail));
        this.status = status;
        this.detail = detail;
        this.errors = errors;
    }

    public int status() {
        return status;
    }

    public String detail() {
        return detail;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public boolean notFound() {
        return status == 404;
    }
}
