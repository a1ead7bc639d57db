package io.cadenza.dataplane.human.api;

import io.cadenza.dataplane.CellGate;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** The inbox API answers 503 (retry) while the instance is still starting (see {@link CellGate}). */
public class StartingGateFilter {

    private final CellGate gate;

    public StartingGateFilter(CellGate gate) {
        this.gate = gate;
    }

    @ServerRequestFilter
    public Response whileStarting(ContainerRequestContext request) {
        if (gate.isOpen() || !request.getUriInfo().getPath().startsWith("/api/")) {
            return null;
        }
        return Response.fromResponse(Problems.build(503, "Starting",
                        "The cell is starting (loading namespaces, taking over its shards); retry.", List.of()))
                .header("Retry-After", "1").build();
    }
}
