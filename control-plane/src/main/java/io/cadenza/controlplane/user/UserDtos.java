package io.cadenza.controlplane.user;

import io.cadenza.controlplane.auth.AccountRole;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Bodies of /api/v1/users. */
public final class UserDtos {
    private UserDtos() {
    }

    @Schema(name = "InviteUserRequest")
    public record InviteRequest(
            @Schema(required = true, example = "dev@acme.example") String email,
            @Schema(required = true) AccountRole accountRole,
            @Schema(description = "{namespaceId: read|write|admin}", example = "{\"payments.ab3x9\": \"write\"}")
            Map<String, String> namespaceAccesses,
            @Schema(description = "Business groups within the account, e.g. [\"managers\"]: approval tasks name "
                    + "them as candidateGroups") List<String> groups,
            @Schema(description = "Optional initial password (at least 12 characters); when absent one is "
                    + "generated and returned once as temporaryPassword") String password) {
    }

    @Schema(name = "UpdateUserRequest", description = "Only the fields present are changed; namespaceAccesses "
            + "replaces all grants.")
    public record UpdateRequest(AccountRole accountRole, Map<String, String> namespaceAccesses,
                                @Schema(description = "Replaces the user's business groups") List<String> groups) {
    }

    @Schema(name = "User")
    public record UserView(String id, String email, AccountRole accountRole,
                           @Schema(description = "Explicit grants {namespaceId: read|write|admin}; owners and admins "
                                   + "have admin and read-only users read on every namespace anyway")
                           Map<String, String> namespaceAccesses,
                           @Schema(description = "Business groups within the account") List<String> groups,
                           Instant createdAt, Instant updatedAt) {
    }

    @Schema(name = "InvitedUser")
    public record InvitedView(
            UserView user,
            @Schema(description = "Shown once, when the request set no password. The user logs in with it "
                    + "(password grant on cadenza-cli or the dashboard) and should change it in Keycloak's account "
                    + "console.")
            String temporaryPassword) {
    }
}
