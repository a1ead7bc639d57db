package io.cadenza.controlplane.account;

import io.cadenza.controlplane.auth.AccountRole;
import io.cadenza.controlplane.auth.NamespacePermission;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.Map;

/** Bodies of /api/v1/signup, /api/v1/account and /api/v1/me. */
public final class AccountDtos {
    private AccountDtos() {
    }

    @Schema(name = "SignupRequest")
    public record SignupRequest(
            @Schema(description = "3-64 letters, digits, spaces, '.', '_' or '-'; unique", example = "Acme Payments",
                    required = true)
            String accountName,
            @Schema(description = "The owner's email; it is their login name", example = "owner@acme.example",
                    required = true)
            String adminEmail,
            @Schema(description = "At least 12 characters, not the email", required = true,
                    format = "password")
            String adminPassword) {
    }

    @Schema(name = "SignupResponse")
    public record SignupResponse(
            String accountId,
            String accountName,
            String ownerUserId,
            String ownerEmail,
            @Schema(description = "How to log in: password grant on client cadenza-cli or the dashboard")
            String login) {
    }

    @Schema(name = "Account")
    public record AccountView(String id, String name, Instant createdAt) {
    }

    @Schema(name = "Me", description = "The caller as the control plane sees it")
    public record MeView(
            @Schema(enumeration = {"user", "service-account"}) String principalType,
            String principalId,
            String displayName,
            String accountId,
            AccountRole accountRole,
            @Schema(description = "Effective permission per namespace") Map<String, NamespacePermission> namespaces,
            @Schema(description = "The API key used, if any") String apiKeyId) {
    }
}
