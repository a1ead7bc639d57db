package io.cadenza.gateway.auth;

/** What the authority said about a token: accepted (with the principal) or refused (with the reason). */
public sealed interface AuthOutcome {

    record Accepted(Principal principal) implements AuthOutcome {
    }

    record Refused(String reason) implements AuthOutcome {
    }
}
