package io.cadenza.controlplane.apikey;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A bearer token that starts with {@code cdz_}: a Cadenza API key. */
public class ApiKeyAuthenticationRequest extends BaseAuthenticationRequest {
    private final String token;

    public ApiKeyAuthenticationRequest(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }
}
