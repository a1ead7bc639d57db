package io.cadenza.controlplane.apikey;

import io.cadenza.controlplane.auth.Credentials;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Verifies an API key by its hash; the identity carries the resolved {@link Caller} as attribute. */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyAuthenticationRequest> {
    @Inject
    ApiKeyVerifier verifier;

    @Override
    public Class<ApiKeyAuthenticationRequest> getRequestType() {
        return ApiKeyAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiKeyAuthenticationRequest request,
                                              AuthenticationRequestContext context) {
        return context.runBlocking(() -> {
            ApiKeyVerifier.Result result = verifier.verify(request.token());
            if (result.caller() == null) {
                throw new AuthenticationFailedException(result.failure());
            }
            return QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(result.caller().principal()))
                    .addAttribute(Credentials.CALLER_ATTRIBUTE, result.caller())
                    .addAttribute("cadenza.validUntil", result.validUntil())
                    .build();
        });
    }
}
