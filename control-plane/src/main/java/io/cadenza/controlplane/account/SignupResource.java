package io.cadenza.controlplane.account;

import io.cadenza.controlplane.api.ApiErrors;
import io.cadenza.controlplane.audit.AuditContext;
import io.cadenza.controlplane.audit.Audited;
import io.cadenza.controlplane.problem.ProblemException;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/signup")
@Tag(name = "Sign-up")
@PermitAll
@Blocking
@ApiErrors
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SignupResource {

    @Inject
    SignupService signups;
    @Inject
    AuditContext audit;

    @POST
    @Audited("account.signup")
    @Operation(summary = "Create an account and its owner",
            description = "Public. Creates the account (a Keycloak group /accounts/<accountId>) and the owner in "
                    + "Keycloak with the admin email as username. The owner then logs in with the password grant on "
                    + "client cadenza-cli, or through the dashboard. 409 when the account name or email is taken.")
    public Response signup(AccountDtos.SignupRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("A JSON body {accountName, adminEmail, adminPassword} is required.");
        }
        SignupService.Created created = signups.signup(request.accountName(), request.adminEmail(),
                request.adminPassword());
        audit.caller(created.ownerCaller());
        audit.resource(created.account().id).detail("accountName", created.account().name)
                .detail("ownerEmail", created.owner().email);
        return Response.status(201).entity(new AccountDtos.SignupResponse(created.account().id,
                created.account().name, created.owner().id, created.owner().email,
                "Log in as " + created.owner().email + " with the password grant on client cadenza-cli "
                        + "(realm cadenza) or through the dashboard.")).build();
    }
}
