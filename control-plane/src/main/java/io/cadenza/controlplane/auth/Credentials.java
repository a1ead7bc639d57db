package io.cadenza.controlplane.auth;

/** What a bearer credential is, by its shape, and where an authentication mechanism leaves the resolved caller. */
public final class Credentials {
    /** Every Cadenza API key starts with this; any other bearer token is a Keycloak JWT. */
    public static final String API_KEY_PREFIX = "cdz_";
    /** The {@link io.quarkus.security.identity.SecurityIdentity} attribute holding a resolved {@link Caller}. */
    public static final String CALLER_ATTRIBUTE = "cadenza.caller";

    private Credentials() {
    }

    public static boolean isApiKey(String token) {
        return token != null && token.startsWith(API_KEY_PREFIX);
    }
}
