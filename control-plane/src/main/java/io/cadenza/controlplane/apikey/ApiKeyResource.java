package io.cadenza.controlplane.apikey;

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

@Path("/api/v1/api-keys")
@Tag(name = "API keys")
@Authenticated
@Blocking
@ApiErrors
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ApiKeyResource {

    @Inject
    ApiKeyService apiKeys;
    @Inject
    CurrentCaller caller;
    @Inject
    AuditContext audit;

    @POST
    @Audited("api-key.create")
    @Operation(summary = "Create an API key",
            description = "Every role may create keys for itself; owners and admins for any user or service account "
                    + "of the account. At most 10 keys per user and 20 per service account; expiry at most 2 years "
                    + "ahead. The token is in the answer only.")
    public Response create(ApiKeyDtos.CreateRequest request) {
        var c = caller.get();
        if (request != null) {
            audit.detail("displayName", request.displayName()).detail("expiryTime", request.expiryTime())
                    .detail("ownerType", request.ownerType()).detail("ownerId", request.ownerId());
        }
        ApiKeyDtos.CreatedView created = apiKeys.create(c, request);
        audit.resource(created.id()).detail("ownerType", created.apiKey().ownerType())
                .detail("ownerId", created.apiKey().ownerId());
        return Response.status(201).entity(created).build();
    }

    @GET
    @Operation(summary = "List API keys", description = "Owners and admins see every key of the account (optionally "
            + "filtered by owner); others see their own. Tokens are never listed.")
    public PageResponse<ApiKeyDtos.ApiKeyView> list(@QueryParam("ownerType") String ownerType,
                                                    @QueryParam("ownerId") String ownerId,
                                                    @QueryParam("pageSize") Integer pageSize,
                                                    @QueryParam("pageToken") String pageToken) {
        return apiKeys.list(caller.get(), ownerType, ownerId, pageSize, pageToken);
    }

    @GET
    @Path("/{apiKeyId}")
    @Operation(summary = "Get an API key (without its token)")
    public ApiKeyDtos.ApiKeyView get(@PathParam("apiKeyId") String id) {
        return apiKeys.get(caller.get(), id);
    }

    @PATCH
    @Path("/{apiKeyId}")
    @Audited(value = "api-key.update", resourceParam = "apiKeyId")
    @Operation(summary = "Rename, disable or enable an API key",
            description = "{\"disabled\": true} disables, false enables. Own keys, or any key for owners/admins.")
    public ApiKeyDtos.ApiKeyView update(@PathParam("apiKeyId") String id, ApiKeyDtos.UpdateRequest request) {
        var c = caller.get();
        if (request != null) {
            audit.detail("displayName", request.displayName()).detail("disabled", request.disabled());
        }
        return apiKeys.update(c, id, request);
    }

    @DELETE
    @Path("/{apiKeyId}")
    @Audited(value = "api-key.delete", resourceParam = "apiKeyId")
    @Operation(summary = "Delete an API key", description = "It stops working within seconds.")
    public Response delete(@PathParam("apiKeyId") String id) {
        apiKeys.delete(caller.get(), id);
        return Response.noContent().build();
    }
}
