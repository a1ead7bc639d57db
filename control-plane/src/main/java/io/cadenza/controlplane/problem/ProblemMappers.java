package io.cadenza.controlplane.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.ForbiddenException;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ValidationException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns every failure into RFC 9457 problem JSON; unexpected errors become 500 without internals. Authentication
 * failures are mapped by {@code auth/AuthenticationProblems}, which knows why a token was refused.
 */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return Problems.of(e, path(uri));
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldName(v.getPropertyPath().toString()), v.getMessage()))
                .sorted((a, b) -> a.field().compareTo(b.field()))
                .collect(Collectors.toList());
        return Problems.of(ProblemException.invalid(errors), path(uri));
    }

    @ServerExceptionMapper
    public Response validation(ValidationException e, UriInfo uri) {
        return Problems.response(400, "validation", "Invalid request", e.getMessage(), path(uri), null);
    }

    /** Overrides quarkus-rest-jackson's built-in mapper, which answers an empty 400 outside dev mode. */
    @ServerExceptionMapper
    public Response mismatchedInput(com.fasterxml.jackson.databind.exc.MismatchedInputException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, UriInfo uri) {
        ProblemException wrapped = Failures.asProblem(e);
        if (wrapped != null) {
            // e.g. an unknown enum value refused by AccountRole.fromWire while the body was read
            return Problems.of(wrapped, path(uri));
        }
        String detail;
        List<Problem.FieldError> errors = null;
        if (e instanceof UnrecognizedPropertyException u) {
            detail = "Unknown field '" + u.getPropertyName() + "'; known fields: " + u.getKnownPropertyIds() + ".";
            errors = List.of(new Problem.FieldError(u.getPropertyName(), "unknown field"));
        } else if (e instanceof InvalidFormatException f) {
            String field = fieldPath(f);
            detail = "Field '" + field + "' has an invalid value '" + f.getValue() + "' (expected "
                    + f.getTargetType().getSimpleName() + ").";
            errors = List.of(new Problem.FieldError(field, "invalid value"));
        } else if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            String field = fieldPath(m);
            detail = "Field '" + field + "' has the wrong type or shape.";
            errors = List.of(new Problem.FieldError(field, "wrong type"));
        } else {
            detail = "The request body is not valid JSON: " + e.getOriginalMessage();
        }
        return Problems.response(400, "malformed-request", "Malformed request body", detail, path(uri), errors);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return Problems.response(403, "forbidden", "Forbidden",
                "This endpoint is reserved for Cadenza's internal services.", path(uri), null);
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, UriInfo uri) {
        return Problems.response(404, "not-found", "Not found",
                "No resource at " + path(uri) + "; see /q/openapi for the API.", path(uri), null);
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e, UriInfo uri) {
        return Problems.response(405, "method-not-allowed", "Method not allowed",
                allowed(e), path(uri), null);
    }

    @ServerExceptionMapper
    public Response unsupported(NotSupportedException e, UriInfo uri) {
        return Problems.response(415, "unsupported-media-type", "Unsupported media type",
                "Send the request body as application/json.", path(uri), null);
    }

    @ServerExceptionMapper
    public Response notAcceptable(NotAcceptableException e, UriInfo uri) {
        return Problems.response(406, "not-acceptable", "Not acceptable",
                "This resource answers application/json.", path(uri), null);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("Request failed", e);
            return Problems.response(status, "internal", "Internal error",
                    "The request failed unexpectedly; it was logged.", path(uri), null);
        }
        if (e.getCause() instanceof JsonProcessingException j) {
            return json(j, uri);
        }
        String reason = e.getResponse().getStatusInfo().getReasonPhrase();
        return Problems.response(status, "http-" + status, reason,
                e.getMessage() == null ? reason : e.getMessage(), path(uri), null);
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e, UriInfo uri) {
        ProblemException problem = Failures.asProblem(e);
        if (problem != null) {
            return Problems.of(problem, path(uri));
        }
        LOG.error("Unexpected failure on " + path(uri), e);
        return Problems.response(500, "internal", "Internal error",
                "The request failed unexpectedly; it was logged. Retry later or contact support.", path(uri), null);
    }

    private static String allowed(NotAllowedException e) {
        var methods = e.getResponse().getAllowedMethods();
        return methods == null || methods.isEmpty() ? "This HTTP method is not supported on this resource; see "
                + "/q/openapi." : "This resource allows " + String.join(", ", methods) + ".";
    }

    private static String fieldPath(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    private static String fieldName(String propertyPath) {
        // "create.arg0.name" (method validation) -> "name"; "name" stays.
        String[] parts = propertyPath.split("\\.");
        int start = 0;
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].startsWith("arg") || parts[i].equals("request") || parts[i].equals("body")) {
                start = i + 1;
            }
        }
        return start >= parts.length ? propertyPath : String.join(".", List.of(parts).subList(start, parts.length));
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : "/" + uri.getPath().replaceFirst("^/", "");
    }
}
