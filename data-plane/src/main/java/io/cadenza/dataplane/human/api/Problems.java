package io.cadenza.dataplane.human.api;

import io.cadenza.dataplane.execution.activity.approval.FormValidator.FieldError;
import io.cadenza.dataplane.human.inbox.InboxProblem;
import io.grpc.StatusRuntimeException;
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
        if (t instanceof StatusRuntimeException s && s.getStatus().getCode() == io.grpc.Status.Code.UNAVAILABLE) {
            return build(503, "Service unavailable", s.getStatus().getDescription(), null);
        }
        LOG.error("inbox request failed", t);
        return build(500, "Internal error", "The request failed on the server; it can be retried.", null);
    }

    public static Response build(int status, String title, String detail, List<FieldError> errors) {
        return Response.status(status).type(MEDIA_TYPE)
                .entity(new Problem("about:blank", title, status, detail, errors)).build();
    }
}
