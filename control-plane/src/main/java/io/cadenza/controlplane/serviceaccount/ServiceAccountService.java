package io.cadenza.controlplane.serviceaccount;

import io.cadenza.controlplane.api.AccountRows;
import io.cadenza.controlplane.api.Ids;
import io.cadenza.controlplane.api.PageResponse;
import io.cadenza.controlplane.api.Tx;
import io.cadenza.controlplane.apikey.ApiKeyEntity;
import io.cadenza.controlplane.auth.AccountRole;
import io.cadenza.controlplane.auth.Caller;
import io.cadenza.controlplane.auth.NamespacePermission;
import io.cadenza.controlplane.auth.Permissions;
import io.cadenza.controlplane.auth.PrincipalType;
import io.cadenza.controlplane.config.CadenzaConfig;
import io.cadenza.controlplane.keycloak.KeycloakAdmin;
import io.cadenza.controlplane.namespace.NamespaceAccessEntity;
import io.cadenza.controlplane.namespace.NamespaceAccesses;
import io.cadenza.controlplane.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Tenant service accounts: a Keycloak confidential client each, with Cadenza roles kept here. */
@ApplicationScoped
public class ServiceAccountService {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,30}[a-z0-9]");
    private static final SecureRandom RANDOM = new SecureRandom();

    static final AccountRows.Kind<ServiceAccountEntity> SERVICE_ACCOUNTS = AccountRows.Kind.of("service-accounts",
            id -> ServiceAccountEntity.<ServiceAccountEntity>findById(id), sa -> sa.id, sa -> sa.accountId,
            ServiceAccountService::notFound);

    @Inject
    Tx tx;
    @Inject
    AccountRows rows;
    @Inject
    KeycloakAdmin keycloak;
    @Inject
    NamespaceAccesses accesses;
    @Inject
    CadenzaConfig config;

    public static void checkName(String name) {
        if (name == null || name.isEmpty()) {
            throw ProblemException.invalid("name", "is required");
        }
        if (!NAME.matcher(name).matches()) {
            throw ProblemException.invalid("name", "must be 2-32 lowercase letters, digits or hyphens, starting with "
                    + "a letter and ending with a letter or digit (got '" + name + "')");
        }
    }

    public static String clientId(String accountId, String name) {
        return "sa-" + accountId + "-" + name;
    }

    public PageResponse<ServiceAccountDtos.ServiceAccountView> list(Caller caller, Integer pageSize, String token) {
        return rows.pageLoading(SERVICE_ACCOUNTS, pageSize, token,
                (afterId, page) -> ServiceAccountEntity.<ServiceAccountEntity>find(
                        "accountId = ?1 and id > ?2 order by id", caller.accountId(), afterId).page(page).list(),
                sas -> NamespaceAccesses.of(PrincipalType.SERVICE_ACCOUNT, sas.stream().map(s -> s.id).toList())
                        .map(grants -> s -> view(s, grants.getOrDefault(s.id, Map.of()))));
    }

    public ServiceAccountDtos.ServiceAccountView get(Caller caller, String id) {
        ServiceAccountEntity sa = rows.get(SERVICE_ACCOUNTS, caller.accountId(), id);
        return view(sa, grants(id));
    }

    public ServiceAccountDtos.CreatedView create(Caller caller, ServiceAccountDtos.CreateRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("A JSON body {name, accountRole, namespaceAccesses} is required.");
        }
        requireManage(caller);
        checkName(request.name());
        checkDescription(request.description());
        checkRole(request.accountRole(), true);
        Map<String, NamespacePermission> grants = accesses.parse(caller.accountId(), request.namespaceAccesses());
        if (tx.read(() -> ServiceAccountEntity.count("accountId = ?1 and name = ?2", caller.accountId(),
                request.name())) > 0) {
            throw ProblemException.conflict("A service account named " + request.name() + " already exists.");
        }
        String clientId = clientId(caller.accountId(), request.name());
        String groupId = keycloak.ensureAccountGroup(caller.accountId());
        String secret = newSecret();
        KeycloakAdmin.CreatedClient client = keycloak.createServiceAccountClient(clientId, request.description(),
                secret, groupId);
        Instant now = Ids.now();
        ServiceAccountEntity sa = new ServiceAccountEntity();
        sa.id = Ids.random();
        sa.accountId = caller.accountId();
        sa.name = request.name();
        sa.description = request.description();
        sa.clientId = clientId;
        sa.keycloakClientUuid = client.uuid();
        sa.accountRole = request.accountRole().wire();
        sa.createdAt = now;
        sa.updatedAt = now;
        try {
            tx.write(() -> sa.persist().chain(() -> NamespaceAccesses.replace(caller.accountId(),
                    PrincipalType.SERVICE_ACCOUNT, sa.id, grants)));
        } catch (RuntimeException e) {
            keycloak.deleteClient(client.uuid());
            throw e;
        }
        return new ServiceAccountDtos.CreatedView(view(sa, wire(grants)), secret,
                config.keycloak().url() + "/realms/cadenza/protocol/openid-connect/token");
    }

    public ServiceAccountDtos.ServiceAccountView update(Caller caller, String id,
                                                        ServiceAccountDtos.UpdateRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("A JSON body with the fields to change is required.");
        }
        requireManage(caller);
        rows.get(SERVICE_ACCOUNTS, caller.accountId(), id);
        checkDescription(request.description());
        checkRole(request.accountRole(), false);
        Map<String, NamespacePermission> grants = request.namespaceAccesses() == null ? null
                : accesses.parse(caller.accountId(), request.namespaceAccesses());
        Instant now = Ids.now();
        ServiceAccountEntity updated = rows.change(SERVICE_ACCOUNTS, caller.accountId(), id, sa -> {
            if (request.accountRole() != null) {
                sa.accountRole = request.accountRole().wire();
            }
            if (request.description() != null) {
                sa.description = request.description();
            }
            sa.updatedAt = now;
            return (grants == null ? Uni.createFrom().voidItem() : NamespaceAccesses.replace(
                    caller.accountId(), PrincipalType.SERVICE_ACCOUNT, id, grants)).replaceWith(sa);
        });
        return view(updated, grants(id));
    }

    public void delete(Caller caller, String id) {
        requireManage(caller);
        ServiceAccountEntity current = rows.get(SERVICE_ACCOUNTS, caller.accountId(), id);
        Instant now = Ids.now();
        tx.write(() -> NamespaceAccessEntity.delete("principalType = ?1 and principalId = ?2",
                        PrincipalType.SERVICE_ACCOUNT.wire(), id)
                .chain(() -> ApiKeyEntity.update("deletedAt = ?1, updatedAt = ?1 where ownerType = ?2 and ownerId = ?3 "
                        + "and deletedAt is null", now, PrincipalType.SERVICE_ACCOUNT.wire(), id))
                .chain(() -> ServiceAccountEntity.deleteById(id)));
        keycloak.deleteClient(current.keycloakClientUuid);
    }

    private Map<String, String> grants(String id) {
        return tx.read(() -> NamespaceAccesses.of(PrincipalType.SERVICE_ACCOUNT, List.of(id)))
                .getOrDefault(id, Map.of());
    }

    private static void checkRole(AccountRole role, boolean required) {
        if (role == null && required) {
            throw ProblemException.invalid("accountRole", "is required: admin, developer, finance-admin or read-only");
        }
        if (role == AccountRole.OWNER) {
            throw ProblemException.invalid("accountRole", "a service account cannot be an owner");
        }
    }

    private static void checkDescription(String description) {
        if (description != null && description.length() > 400) {
            throw ProblemException.invalid("description", "must be at most 400 characters");
        }
    }

    private static void requireManage(Caller caller) {
        if (!Permissions.canManageAccount(caller.role())) {
            throw ProblemException.forbidden("Your account role " + caller.role().wire() + " cannot manage service "
                    + "accounts; owners and admins can.");
        }
    }

    private static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static ProblemException notFound(String id) {
        return ProblemException.notFound("Service account " + id + " does not exist.");
    }

    static Map<String, String> wire(Map<String, NamespacePermission> grants) {
        Map<String, String> result = new TreeMap<>();
        grants.forEach((k, v) -> result.put(k, v.wire()));
        return result;
    }

    static ServiceAccountDtos.ServiceAccountView view(ServiceAccountEntity sa, Map<String, String> grants) {
        return new ServiceAccountDtos.ServiceAccountView(sa.id, sa.name, sa.description,
                AccountRole.parse("accountRole", sa.accountRole), sa.clientId, new TreeMap<>(grants), sa.createdAt,
                sa.updatedAt);
    }
}
