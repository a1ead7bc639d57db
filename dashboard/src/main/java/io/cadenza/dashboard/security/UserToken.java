package io.cadenza.dashboard.security;

import java.util.List;

/**
 * Who is calling, captured on a request thread so that work done later (in the background, with a progress bar) still
 * carries the user's own identity.
 *
 * @param accessToken the user's Keycloak access token, sent as {@code authorization: Bearer ...} to every backend
 * @param email       the Keycloak username (the person's email)
 * @param displayName the name to show
 * @param groups      the token's group paths, e.g. {@code /accounts/ab3x9/managers}
 */
public record UserToken(String accessToken, String email, String displayName, List<String> groups)
        implements java.io.Serializable {

    @Override
    public String toString() {
        return "UserToken[" + email + "]"; // never log the token
    }

    /** The value of the {@code identity} field of Temporal requests made on the user's behalf. */
    public String temporalIdentity() {
        return email + "@dashboard";
    }
}
