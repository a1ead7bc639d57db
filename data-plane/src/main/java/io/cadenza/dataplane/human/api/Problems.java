package io.cadenza.dataplane.human.api;

import io.cadenza.dataplane.common.error.CadenzaException;
import io.cadenza.dataplane.execution.activity.approval.FormValidator.FieldError;
import io.cadenza.dataplane.human.inbox.InboxProblem;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.jboss.logging.Logger;

/** RFC 9457 problem documents ({@code application/problem+json}) for every refused inbox request. */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final Logger LOG = Logger.getLogger(Problems.class);

    /** The document: {@code type} is about:blank (the status says it all), {@code errors} only for 400. */
    public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {
    }

    private Problems() {
    }

    public static Response response(Throwable err) {
        Throwable t = err;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof InboxProblem p) {
            return build(p.status(), p.title(), p.getMessage(), p.errors().isEmpty() ? null : p.errors());
        }
        if (t instanceof WebApplicationException w) {
            int status = w.getResponse().getStatus();
            return build(status, w.getResponse().getStatusInfo().getReasonPhrase(), w.getMessage(), null);
        }
        if (t instanceof CadenzaException c && c.kind() != CadenzaException.Kind.INTERNAL) {
            return build(status(c.kind()), title(c.kind()), c.getMessage(), null);
        }
        LOG.error("inbox request failed", t);
        return build(500, "Internal error", "The request failed on the server; it can be retried.", null);
    }

    /**
     * The one mapping of the engine's error kinds to HTTP, as Google's HTTP mapping of the gRPC codes except that a
     * failed precondition (the state does not allow it now) is a 409 Conflict, as the inbox's own conflicts are.
     * INTERNAL is a 500 whose message is logged, not shown.
     */
    static int status(CadenzaException.Kind kind) {
        return switch (kind) {
            case INVALID_ARGUMENT -> 400;
            case PERMISSION_DENIED -> 403;
            case NOT_FOUND -> 404;
            case ALREADY_EXISTS, ABORTED, FAILED_PRECONDITION -> 409;
            case RESOURCE_EXHAUSTED -> 429;
            case CANCELLED -> 499;
            case UNAVAILABLE -> 503;
            case DEADLINE_EXCEEDED -> 504;
            case INTERNAL -> 500;
        };
    }

    static String title(CadenzaException.Kind kind) {
        return switch (kind) {
            case INVALID_ARGUMENT -> "Bad request";
            case PERMISSION_DENIED -> "Forbidden";
            case NOT_FOUND -> "Not found";
            case ALREADY_EXISTS, ABORTED, FAILED_PRECONDITION -> "Conflict";
            case RESOURCE_EXHAUSTED -> "Too many requests";
            case CANCELLED -> "Request cancelled";
            case UNAVAILABLE -> "Service unavailable";
            case DEADLINE_EXCEEDED -> "Timed out";
            case INTERNAL -> "Internal error";
        };
    }

    public static Response build(int status, String title, String detail, List<FieldError> errors) {
        return Response.status(status).type(MEDIA_TYPE)
                .entity(new Problem("about:blank", title, status, detail, errors)).build();
    }
}
