package io.cadenza.controlplane.keycloak;

import io.cadenza.controlplane.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The control plane's use of Keycloak's admin API (realm cadenza, client credentials of cadenza-control-plane):
 * account groups {@code /accounts/<accountId>}, users (username = email) and tenant service-account clients.
 * Keycloak holds identities and credentials only; roles live in the control plane's database.
 */
@ApplicationScoped
public class KeycloakAdmin {
    private static final Logger LOG = Logger.getLogger(KeycloakAdmin.class);
    private static final String REALM = "cadenza";
    private static final String ACCOUNTS_GROUP = "accounts";
    private static final String LAST_NAME = "Cadenza user";

    @Inject
    Keycloak keycloak;

    private RealmResource realm() {
        return keycloak.realm(REALM);
    }

    /** Creates group {@code /accounts/<accountId>} (or returns the existing one's id). */
    public String ensureAccountGroup(String accountId) {
        return call("create the account group", () -> {
            GroupRepresentation existing = findAccountGroup(accountId);
            if (existing != null) {
                return existing.getId();
            }
            GroupRepresentation parent = realm().getGroupByPath("/" + ACCOUNTS_GROUP);
            GroupRepresentation group = new GroupRepresentation();
            group.setName(accountId);
            try (Response r = realm().groups().group(parent.getId()).subGroup(group)) {
                expectCreated(r, "group /accounts/" + accountId);
                return createdId(r);
            }
        });
    }

    public void deleteAccountGroup(String accountId) {
        quietly("delete group /accounts/" + accountId, () -> {
            GroupRepresentation g = findAccountGroup(accountId);
            if (g != null) {
                realm().groups().group(g.getId()).remove();
            }
        });
    }

    private GroupRepresentation findAccountGroup(String accountId) {
        try {
            return realm().getGroupByPath("/" + ACCOUNTS_GROUP + "/" + accountId);
        } catch (WebApplicationException e) {
            if (e.getResponse() != null && e.getResponse().getStatus() == 404) {
                return null;
            }
            throw e;
        }
    }

    /** The Keycloak id of the user whose username is {@code email}, or null. */
    public String findUserId(String email) {
        return call("look up the user", () -> {
            List<UserRepresentation> found = realm().users().search(email, true);
            return found.isEmpty() ? null : found.get(0).getId();
        });
    }

    /**
     * Creates an enabled user (username and email = {@code email}) with a non-temporary password, member of the
     * account's group. 409 when the email is taken, 400 when Keycloak's password policy refuses the password.
     */
    public String createUser(String email, String password, String groupId) {
        return call("create the user", () -> {
            UserRepresentation user = new UserRepresentation();
            user.setUsername(email);
            user.setEmail(email);
            user.setEmailVerified(true);
            user.setEnabled(true);
            // Keycloak's user profile requires names; without them the password grant says "Account is not fully
            // set up". Cadenza does not ask for names at sign-up, so they are derived from the email.
            user.setFirstName(firstName(email));
            user.setLastName(LAST_NAME);
            CredentialRepresentation credential = new CredentialRepresentation();
            credential.setType(CredentialRepresentation.PASSWORD);
            credential.setValue(password);
            credential.setTemporary(false);
            user.setCredentials(List.of(credential));
            String id;
            try (Response r = realm().users().create(user)) {
                if (r.getStatus() == 409) {
                    throw ProblemException.conflict("A user with email " + email + " already exists.");
                }
                if (r.getStatus() == 400) {
                    throw ProblemException.invalid("password", keycloakError(r));
                }
                expectCreated(r, "user " + email);
                id = createdId(r);
            }
            try {
                realm().users().get(id).joinGroup(groupId);
            } catch (RuntimeException e) {
                quietly("remove half-created user " + email, () -> realm().users().get(id).remove());
                throw e;
            }
            return id;
        });
    }

    /** Makes sure a user can log in with the password grant (names set, enabled). */
    public void ensureProfileComplete(String keycloakUserId, String email) {
        call("update the user", () -> {
            UserRepresentation user = realm().users().get(keycloakUserId).toRepresentation();
            if (user.getFirstName() == null || user.getLastName() == null || !Boolean.TRUE.equals(user.isEnabled())) {
                user.setFirstName(user.getFirstName() == null ? firstName(email) : user.getFirstName());
                user.setLastName(user.getLastName() == null ? LAST_NAME : user.getLastName());
                user.setEnabled(true);
                realm().users().get(keycloakUserId).update(user);
            }
            return null;
        });
    }

    static String firstName(String email) {
        String local = email.substring(0, Math.max(0, email.indexOf('@'))).replaceAll("[^A-Za-z0-9 ._'-]", " ").trim();
        return local.isEmpty() ? "Cadenza" : local;
    }

    /**
     * Makes the user a member of exactly {@code groups} among the account's business groups
     * ({@code /accounts/<accountId>/<group>}, created on first use), so their tokens name them in the groups claim.
     */
    public void setBusinessGroups(String keycloakUserId, String accountId, List<String> groups) {
        call("set the user's groups", () -> {
            String prefix = "/" + ACCOUNTS_GROUP + "/" + accountId + "/";
            var user = realm().users().get(keycloakUserId);
            java.util.Set<String> wanted = new java.util.HashSet<>(groups);
            for (GroupRepresentation current : user.groups()) {
                String path = current.getPath();
                if (path != null && path.startsWith(prefix) && !wanted.remove(path.substring(prefix.length()))) {
                    user.leaveGroup(current.getId());
                }
            }
            for (String group : wanted) {
                user.joinGroup(ensureBusinessGroup(accountId, group));
            }
            return null;
        });
    }

    private String ensureBusinessGroup(String accountId, String name) {
        String path = "/" + ACCOUNTS_GROUP + "/" + accountId + "/" + name;
        try {
            return realm().getGroupByPath(path).getId();
        } catch (WebApplicationException e) {
            if (e.getResponse() == null || e.getResponse().getStatus() != 404) {
                throw e;
            }
        }
        String accountGroupId = ensureAccountGroup(accountId);
        GroupRepresentation group = new GroupRepresentation();
        group.setName(name);
        try (Response r = realm().groups().group(accountGroupId).subGroup(group)) {
            if (r.getStatus() == 409) {
                return realm().getGroupByPath(path).getId(); // created concurrently
            }
            expectCreated(r, "group " + path);
            return createdId(r);
        }
    }

    /** Adds a user to a group (idempotent). */
    public void ensureMember(String keycloakUserId, String groupId) {
        call("add the user to the account group", () -> {
            realm().users().get(keycloakUserId).joinGroup(groupId);
            return null;
        });
    }

    public void deleteUser(String keycloakUserId) {
        quietly("delete user " + keycloakUserId, () -> {
            try (Response r = realm().users().delete(keycloakUserId)) {
                if (r.getStatus() >= 400 && r.getStatus() != 404) {
                    throw new IllegalStateException("Keycloak answered " + r.getStatus());
                }
            }
        });
    }

    /** What Keycloak made of a created service-account client. */
    public record CreatedClient(String uuid, String serviceAccountUserId) {
    }

    /**
     * Creates a confidential client with client credentials only (no browser or password flows), the cadenza-api
     * audience and the groups claim, and puts its service-account user into the account's group.
     */
    public CreatedClient createServiceAccountClient(String clientId, String description, String secret,
                                                    String groupId) {
        return call("create the service account client", () -> {
            ClientRepresentation client = new ClientRepresentation();
            client.setClientId(clientId);
            client.setName(clientId);
            client.setDescription(description);
            client.setEnabled(true);
            client.setProtocol("openid-connect");
            client.setPublicClient(false);
            client.setClientAuthenticatorType("client-secret");
            client.setSecret(secret);
            client.setServiceAccountsEnabled(true);
            client.setStandardFlowEnabled(false);
            client.setImplicitFlowEnabled(false);
            client.setDirectAccessGrantsEnabled(false);
            client.setProtocolMappers(List.of(audienceMapper(), groupsMapper()));
            String uuid;
            try (Response r = realm().clients().create(client)) {
                if (r.getStatus() == 409) {
                    throw ProblemException.conflict("A service account client " + clientId + " already exists.");
                }
                expectCreated(r, "client " + clientId);
                uuid = createdId(r);
            }
            try {
                String userId = realm().clients().get(uuid).getServiceAccountUser().getId();
                realm().users().get(userId).joinGroup(groupId);
                return new CreatedClient(uuid, userId);
            } catch (RuntimeException e) {
                quietly("remove half-created client " + clientId, () -> realm().clients().get(uuid).remove());
                throw e;
            }
        });
    }

    /** The client's uuid if a client with this clientId exists. */
    public String findClientUuid(String clientId) {
        return call("look up the client", () -> {
            List<ClientRepresentation> found = realm().clients().findByClientId(clientId);
            return found.isEmpty() ? null : found.get(0).getId();
        });
    }

    public void deleteClient(String uuid) {
        quietly("delete client " + uuid, () -> realm().clients().get(uuid).remove());
    }

    private static ProtocolMapperRepresentation audienceMapper() {
        ProtocolMapperRepresentation m = new ProtocolMapperRepresentation();
        m.setName("audience cadenza-api");
        m.setProtocol("openid-connect");
        m.setProtocolMapper("oidc-audience-mapper");
        m.setConfig(Map.of("included.custom.audience", "cadenza-api", "access.token.claim", "true",
                "id.token.claim", "false"));
        return m;
    }

    private static ProtocolMapperRepresentation groupsMapper() {
        ProtocolMapperRepresentation m = new ProtocolMapperRepresentation();
        m.setName("groups");
        m.setProtocol("openid-connect");
        m.setProtocolMapper("oidc-group-membership-mapper");
        m.setConfig(Map.of("claim.name", "groups", "full.path", "true", "access.token.claim", "true",
                "id.token.claim", "false", "userinfo.token.claim", "false"));
        return m;
    }

    private static void expectCreated(Response r, String what) {
        if (r.getStatus() != 201) {
            throw new IllegalStateException("Keycloak refused to create " + what + ": HTTP " + r.getStatus() + " "
                    + keycloakError(r));
        }
    }

    private static String createdId(Response r) {
        String path = r.getLocation().getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    @SuppressWarnings("unchecked")
    private static String keycloakError(Response r) {
        try {
            Map<String, Object> body = r.readEntity(Map.class);
            Object description = body.getOrDefault("error_description", body.get("errorMessage"));
            return description != null ? description.toString() : String.valueOf(body.get("error"));
        } catch (RuntimeException e) {
            return "HTTP " + r.getStatus();
        }
    }

    private static <T> T call(String what, Supplier<T> action) {
        try {
            return action.get();
        } catch (ProblemException e) {
            throw e;
        } catch (ProcessingException | WebApplicationException e) {
            LOG.errorf(e, "Keycloak call failed: %s", what);
            throw ProblemException.unavailable("The identity provider could not " + what + "; retry shortly.");
        }
    }

    private static void quietly(String what, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.warnf(e, "Keycloak clean-up failed: %s (remove it by hand if it remains)", what);
        }
    }
}
