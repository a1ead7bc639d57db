package io.cadenza.controlplane.user;

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

@Path("/api/v1/users")
@Tag(name = "Users")
@Authenticated
@Blocking
@ApiErrors
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UserResource {

    @Inject
    UserService users;
    @Inject
    CurrentCaller caller;
    @Inject
    AuditContext audit;

    @POST
    @Audited("user.invite")
    @Operation(summary = "Invite a user",
            description = "Owners and admins; only owners may invite owners. Creates the Keycloak user (username = "
                    + "email) in the account's group with a generated password that is returned once as "
                    + "temporaryPassword. The password is not marked temporary in Keycloak (no UPDATE_PASSWORD "
                    + "required action) so that the password grant works right away; hand it over securely and ask "
                    + "the user to change it in Keycloak's account console. 409 when the email is taken.")
    public Response invite(UserDtos.InviteRequest request) {
        var c = caller.get();
        if (request != null) {
            audit.detail("email", request.email()).detail("accountRole", request.accountRole())
                    .detail("namespaceAccesses", request.namespaceAccesses());
        }
        UserDtos.InvitedView invited = users.invite(c, request);
        audit.resource(invited.user().id());
        return Response.status(201).entity(invited).build();
    }

    @GET
    @Operation(summary = "List the account's users", description = "Every account role may read. Keyset paging.")
    public PageResponse<UserDtos.UserView> list(@QueryParam("pageSize") Integer pageSize,
                                                @QueryParam("pageToken") String pageToken) {
        return users.list(caller.get(), pageSize, pageToken);
    }

    @GET
    @Path("/{userId}")
    @Operation(summary = "Get a user")
    public UserDtos.UserView get(@PathParam("userId") String userId) {
        return users.get(caller.get(), userId);
    }

    @PATCH
    @Path("/{userId}")
    @Audited(value = "user.update", resourceParam = "userId")
    @Operation(summary = "Change a user's account role or namespace accesses",
            description = "Owners and admins; only owners may grant or take away owner; the last owner cannot be "
                    + "demoted (409). namespaceAccesses replaces all explicit grants.")
    public UserDtos.UserView update(@PathParam("userId") String userId, UserDtos.UpdateRequest request) {
        var c = caller.get();
        if (request != null) {
            audit.detail("accountRole", request.accountRole()).detail("namespaceAccesses", request.namespaceAccesses());
        }
        return users.update(c, userId, request);
    }

    @DELETE
    @Path("/{userId}")
    @Audited(value = "user.remove", resourceParam = "userId")
    @Operation(summary = "Remove a user", description = "Owners and admins (owners only for an owner); the last owner "
            + "cannot be removed (409). Deletes the Keycloak user and the user's API keys.")
    public Response remove(@PathParam("userId") String userId) {
        users.remove(caller.get(), userId);
        return Response.noContent().build();
    }
}
