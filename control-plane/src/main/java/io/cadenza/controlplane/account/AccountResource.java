package io.cadenza.controlplane.account;

import io.cadenza.controlplane.api.ApiErrors;
import io.cadenza.controlplane.api.Tx;
import io.cadenza.controlplane.auth.Caller;
import io.cadenza.controlplane.auth.CurrentCaller;
import io.cadenza.controlplane.auth.PrincipalDirectory;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1")
@Tag(name = "Account")
@Authenticated
@Blocking
@ApiErrors
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class AccountResource {

    @Inject
    CurrentCaller caller;
    @Inject
    PrincipalDirectory directory;
    @Inject
    Tx tx;

    @GET
    @Path("/account")
    @Operation(summary = "The caller's account", description = "Every account role may read it.")
    public AccountDtos.AccountView account() {
        Caller c = caller.get();
        AccountEntity a = tx.read(() -> AccountEntity.<AccountEntity>findById(c.accountId()));
        return new AccountDtos.AccountView(a.id, a.name, a.createdAt);
    }

    @GET
    @Path("/me")
    @Operation(summary = "Who the caller is", description = "Principal, account role and effective namespace "
            + "permissions of the token or API key used.")
    public AccountDtos.MeView me() {
        Caller c = caller.get();
        return new AccountDtos.MeView(c.type().wire(), c.id(), c.displayName(), c.accountId(), c.role(),
                directory.namespaces(c), c.apiKeyId());
    }
}
