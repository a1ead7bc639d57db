package io.cadenza.dataplane.human.api;

import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Errors thrown before a resource method returns (bad JSON bodies, unknown paths) as problem JSON too. */
public class ProblemMapper {

    @ServerExceptionMapper
    public Response map(Exception e) {
        return Problems.response(e);
    }
}
