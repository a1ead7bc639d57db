package io.cadenza.controlplane.testing;

import io.cadenza.controlplane.keycloak.KeycloakAdmin;
import io.cadenza.controlplane.problem.ProblemException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one fake of the control plane's component tests: it stands in for Keycloak's admin REST API behind the
 * {@link KeycloakAdmin} seam (realm cadenza: account groups, users, business groups, tenant service-account clients),
 * keeping them in memory with Keycloak's observable rules (unique username and clientId: 409; password policy of at
 * least 12 characters: 400). Everything else in these tests is real: PostgreSQL, REST, API-key authentication, the
 * audit log. {@link #failNext} makes the next call of one operation fail as an unreachable Keycloak does (503), to
 * test that the control plane undoes half-made changes. The real admin calls are tested against Keycloak in
 * system-tests.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class InMemoryKeycloakAdmin extends KeycloakAdmin {

    /** A Keycloak user as the control plane can observe it. */
    public record User(String id, String email, boolean enabled, Set<String> groupPaths) {
    }

    /** A tenant service-account client. */
    public record Client(String uuid, String clientId, String description, String secret,
                         String serviceAccountUserId) {
    }

    private final Map<String, String> groupPathsById = new ConcurrentHashMap<>();
    private final Map<String, User> usersById = new ConcurrentHashMap<>();
    private final Map<String, Client> clientsByUuid = new ConcurrentHashMap<>();
    private final Set<String> failing = ConcurrentHashMap.newKeySet();

    /** The next call of {@code operation} (a method name of {@link KeycloakAdmin}) fails as if Keycloak were down. */
    public void failNext(String operation) {
        failing.add(operation);
    }

    private void maybeFail(String operation, String what) {
        if (failing.remove(operation)) {
            throw ProblemException.unavailable("The identity provider could not " + what + "; retry shortly.");
        }
    }

    public User userByEmail(String email) {
        return usersById.values().stream().filter(u -> u.email().equals(email)).findFirst().orElse(null);
    }

    public User user(String id) {
        return usersById.get(id);
    }

    public Client clientByClientId(String clientId) {
        return clientsByUuid.values().stream().filter(c -> c.clientId().equals(clientId)).findFirst().orElse(null);
    }

    public boolean groupExists(String path) {
        return groupPathsById.containsValue(path);
    }

    @Override
    public String ensureAccountGroup(String accountId) {
        maybeFail("ensureAccountGroup", "create the account group");
        return ensureGroup("/accounts/" + accountId);
    }

    private String ensureGroup(String path) {
        synchronized (groupPathsById) {
            return groupPathsById.entrySet().stream().filter(e -> e.getValue().equals(path)).map(Map.Entry::getKey)
                    .findFirst().orElseGet(() -> {
                        String id = UUID.randomUUID().toString();
                        groupPathsById.put(id, path);
                        return id;
                    });
        }
    }

    @Override
    public void deleteAccountGroup(String accountId) {
        String path = "/accounts/" + accountId;
        groupPathsById.values().removeIf(p -> p.equals(path) || p.startsWith(path + "/"));
    }

    @Override
    public String findUserId(String email) {
        maybeFail("findUserId", "look up the user");
        User user = userByEmail(email);
        return user == null ? null : user.id();
    }

    @Override
    public synchronized String createUser(String email, String password, String groupId) {
        maybeFail("createUser", "create the user");
        if (userByEmail(email) != null) {
            throw ProblemException.conflict("A user with email " + email + " already exists.");
        }
        if (password == null || password.length() < 12) {
            throw ProblemException.invalid("password", "Invalid password: minimum length 12.");
        }
        String group = requireGroup(groupId);
        String id = UUID.randomUUID().toString();
        Set<String> groups = ConcurrentHashMap.newKeySet();
        groups.add(group);
        usersById.put(id, new User(id, email, true, groups));
        return id;
    }

    @Override
    public void ensureProfileComplete(String keycloakUserId, String email) {
        requireUser(keycloakUserId);
    }

    @Override
    public void setBusinessGroups(String keycloakUserId, String accountId, java.util.List<String> groups) {
        maybeFail("setBusinessGroups", "set the user's groups");
        User user = requireUser(keycloakUserId);
        String prefix = "/accounts/" + accountId + "/";
        user.groupPaths().removeIf(p -> p.startsWith(prefix));
        for (String g : groups) {
            user.groupPaths().add(groupPathsById.get(ensureGroup(prefix + g)));
        }
    }

    @Override
    public void ensureMember(String keycloakUserId, String groupId) {
        requireUser(keycloakUserId).groupPaths().add(requireGroup(groupId));
    }

    @Override
    public void deleteUser(String keycloakUserId) {
        usersById.remove(keycloakUserId);
    }

    @Override
    public synchronized CreatedClient createServiceAccountClient(String clientId, String description, String secret,
                                                                 String groupId) {
        maybeFail("createServiceAccountClient", "create the service account client");
        if (clientByClientId(clientId) != null) {
            throw ProblemException.conflict("A service account client " + clientId + " already exists.");
        }
        String group = requireGroup(groupId);
        String uuid = UUID.randomUUID().toString();
        String userId = UUID.randomUUID().toString();
        Set<String> groups = ConcurrentHashMap.newKeySet();
        groups.add(group);
        usersById.put(userId, new User(userId, "service-account-" + clientId, true, groups));
        clientsByUuid.put(uuid, new Client(uuid, clientId, description, secret, userId));
        return new CreatedClient(uuid, userId);
    }

    @Override
    public String findClientUuid(String clientId) {
        Client client = clientByClientId(clientId);
        return client == null ? null : client.uuid();
    }

    @Override
    public void deleteClient(String uuid) {
        Client removed = clientsByUuid.remove(uuid);
        if (removed != null) {
            usersById.remove(removed.serviceAccountUserId());
        }
    }

    /** The business groups of a user within an account, as the groups claim would name them. */
    public Set<String> businessGroups(String keycloakUserId, String accountId) {
        String prefix = "/accounts/" + accountId + "/";
        Set<String> result = new TreeSet<>();
        for (String p : requireUser(keycloakUserId).groupPaths()) {
            if (p.startsWith(prefix)) {
                result.add(p.substring(prefix.length()));
            }
        }
        return result;
    }

    private User requireUser(String id) {
        User user = usersById.get(id);
        if (user == null) {
            throw new IllegalStateException("Keycloak has no user " + id + " (HTTP 404)");
        }
        return user;
    }

    private String requireGroup(String groupId) {
        String path = groupPathsById.get(groupId);
        if (path == null) {
            throw new IllegalStateException("Keycloak has no group " + groupId + " (HTTP 404)");
        }
        return path;
    }
}
