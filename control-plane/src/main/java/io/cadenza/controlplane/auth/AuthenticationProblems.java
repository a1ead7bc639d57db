package io.cadenza.controlplane.auth;

import io.cadenza.controlplane.problem.Problems;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** 401 problem JSON for refused or missing credentials, saying why ({@link TokenDiagnosis}). */
public class AuthenticationProblems {

    @Inject
    TokenDiagnosis tokenDiagnosis;

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri, HttpHeaders headers) {
        return unauthorized(tokenDiagnosis.reasonFor(e, bearer(headers)), uri);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri, HttpHeaders headers) {
        String token = bearer(headers);
        String detail = token == null
                ? "Authentication required: send 'Authorization: Bearer <Keycloak access token or Cadenza API key>'."
                : tokenDiagnosis.reasonFor(e, token);
        return unauthorized(detail, uri);
    }

    private static Response unauthorized(String detail, UriInfo uri) {
        String path = uri == null ? null : "/" + uri.getPath().replaceFirst("^/", "");
        return Response.fromResponse(Problems.response(401, "unauthorized", "Unauthorized", detail, path, null))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"cadenza\"")
                .build();
    }

    static String bearer(HttpHeaders headers) {
        String value = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (value == null || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return value.substring(7).trim();
    }
}
