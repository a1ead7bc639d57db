package io.cadenza.billing.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every failure into RFC 9457 problem JSON; unexpected errors become 500 without internals. */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    static Response response(int status, String type, String title, String detail, String path) {
        return Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(new Problem("https://cadenza.io/problems/" + type, title, status, detail, path)).build();
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return response(e.status(), e.type(), e.title(), e.getMessage(), uri.getPath());
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, UriInfo uri) {
        return response(400, "malformed-request", "Malformed request body",
                "The request body is not valid: " + e.getOriginalMessage(), uri.getPath());
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, UriInfo uri) {
        return response(404, "not-found", "Not found", "No resource at " + uri.getPath()
                + "; see /q/openapi for the API.", uri.getPath());
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e, UriInfo uri) {
        return response(405, "method-not-allowed", "Method not allowed", "Allowed methods: "
                + e.getResponse().getAllowedMethods() + ".", uri.getPath());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        return response(status, "http-" + status, e.getResponse().getStatusInfo().getReasonPhrase(),
                e.getMessage(), uri.getPath());
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        LOG.error("unexpected failure on " + uri.getPath(), e);
        return response(500, "internal", "Internal error", "Something went wrong on our side; retry, and "
                + "contact support if it persists.", uri.getPath());
    }
}
