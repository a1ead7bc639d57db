package io.cadenza.controlplane.serviceaccount;

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

@Path("/api/v1/service-accounts")
@Tag(name = "Service accounts")
@Authenticated
@Blocking
@ApiErrors
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ServiceAccountResource {

    @Inject
    ServiceAccountService serviceAccounts;
    @Inject
    CurrentCaller caller;
    @Inject
    AuditContext audit;

    @POST
    @Audited("service-account.create")
    @Operation(summary = "Create a service account",
            description = "Owners and admins. Creates Keycloak confidential client sa-<accountId>-<name> (client "
                    + "credentials only) and returns its secret once. Tokens from that client, or API keys owned by "
                    + "the service account, act with its account role and namespace accesses.")
    public Response create(ServiceAccountDtos.CreateRequest request) {
        var c = caller.get();
        if (request != null) {
            audit.detail("name", request.name()).detail("accountRole", request.accountRole())
                    .detail("namespaceAccesses", request.namespaceAccesses());
        }
        ServiceAccountDtos.CreatedView created = serviceAccounts.create(c, request);
        audit.resource(created.serviceAccount().id()).detail("clientId", created.serviceAccount().clientId());
        return Response.status(201).entity(created).build();
    }

    @GET
    @Operation(summary = "List the account's service accounts", description = "Every account role may read.")
    public PageResponse<ServiceAccountDtos.ServiceAccountView> list(@QueryParam("pageSize") Integer pageSize,
                                                                    @QueryParam("pageToken") String pageToken) {
        return serviceAccounts.list(caller.get(), pageSize, pageToken);
    }

    @GET
    @Path("/{serviceAccountId}")
    @Operation(summary = "Get a service account")
    public ServiceAccountDtos.ServiceAccountView get(@PathParam("serviceAccountId") String id) {
        return serviceAccounts.get(caller.get(), id);
    }

    @PATCH
    @Path("/{serviceAccountId}")
    @Audited(value = "service-account.update", resourceParam = "serviceAccountId")
    @Operation(summary = "Change a service account's description, role or namespace accesses",
            description = "Owners and admins.")
    public ServiceAccountDtos.ServiceAccountView update(@PathParam("serviceAccountId") String id,
                                                        ServiceAccountDtos.UpdateRequest request) {
        var c = caller.get();
        if (request != null) {
            audit.detail("accountRole", request.accountRole()).detail("namespaceAccesses", request.namespaceAccesses());
        }
        return serviceAccounts.update(c, id, request);
    }

    @DELETE
    @Path("/{serviceAccountId}")
    @Audited(value = "service-account.delete", resourceParam = "serviceAccountId")
    @Operation(summary = "Delete a service account", description = "Owners and admins. Deletes its Keycloak client "
            + "and its API keys.")
    public Response delete(@PathParam("serviceAccountId") String id) {
        serviceAccounts.delete(caller.get(), id);
        return Response.noContent().build();
    }
}
