package io.cadenza.controlplane.namespace;

import io.cadenza.controlplane.api.ApiErrors;
import io.cadenza.controlplane.api.PageResponse;
import io.cadenza.controlplane.audit.AuditContext;
import io.cadenza.controlplane.audit.Audited;
import io.cadenza.controlplane.auth.CurrentCaller;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/namespaces")
@Tag(name = "Namespaces")
@Authenticated
@Blocking
@ApiErrors
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class NamespaceResource {

    @Inject
    NamespaceService namespaces;
    @Inject
    CurrentCaller caller;
    @Inject
    AuditContext audit;

    @POST
    @Audited("namespace.create")
    @Operation(summary = "Create a namespace",
            description = "Owners, admins and developers (who get admin on it). The namespace is placed on the "
                    + "requested cell or the least loaded one and is provisioning until the cell registered it; "
                    + "poll GET until state is active.")
    public Response create(NamespaceDtos.CreateRequest request) {
        var c = caller.get();
        if (request != null && request.name() != null) {
            audit.resource(request.name() + "." + c.accountId())
                    .detail("retentionDays", request.retentionDays())
                    .detail("searchAttributes", request.searchAttributes())
                    .detail("cellId", request.cellId());
        }
        var created = namespaces.create(c, request);
        audit.detail("cellId", created.cellId());
        return Response.status(201).entity(created).build();
    }

    @GET
    @Operation(summary = "List the namespaces the caller may use", description = "Ordered by id; keyset paging.")
    public PageResponse<NamespaceDtos.NamespaceView> list(@QueryParam("pageSize") Integer pageSize,
                                                          @QueryParam("pageToken") String pageToken) {
        return namespaces.list(caller.get(), pageSize, pageToken);
    }

    @GET
    @Path("/{namespaceId}")
    @Operation(summary = "Get a namespace", description = "Needs read access on it.")
    public NamespaceDtos.NamespaceView get(@PathParam("namespaceId") String namespaceId) {
        return namespaces.get(caller.get(), namespaceId);
    }

    @PATCH
    @Path("/{namespaceId}")
    @Audited(value = "namespace.update", resourceParam = "namespaceId")
    @Operation(summary = "Change retention, search attributes, delete protection or rate limits",
            description = "Needs namespace admin; actionsPerSecond/requestsPerSecond need account owner or admin. "
                    + "Retention and search attribute changes are applied on the cell asynchronously.")
    public NamespaceDtos.NamespaceView update(@PathParam("namespaceId") String namespaceId,
                                              NamespaceDtos.UpdateRequest request) {
        var c = caller.get();
        if (request != null) {
            audit.detail("retentionDays", request.retentionDays())
                    .detail("searchAttributes", request.searchAttributes())
                    .detail("deleteProtection", request.deleteProtection())
                    .detail("actionsPerSecond", request.actionsPerSecond())
                    .detail("requestsPerSecond", request.requestsPerSecond());
        }
        return namespaces.update(c, namespaceId, request);
    }

    @DELETE
    @Path("/{namespaceId}")
    @Audited(value = "namespace.delete", resourceParam = "namespaceId")
    @Operation(summary = "Delete a namespace",
            description = "Needs namespace admin; 409 while delete protection is on. The namespace turns deleting "
                    + "and disappears once the cell has removed it.")
    public Response delete(@PathParam("namespaceId") String namespaceId) {
        return Response.accepted(namespaces.delete(caller.get(), namespaceId)).build();
    }
}
