package io.cadenza.controlplane.user;

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
import io.cadenza.controlplane.keycloak.KeycloakAdmin;
import io.cadenza.controlplane.namespace.NamespaceAccessEntity;
import io.cadenza.controlplane.namespace.NamespaceAccesses;
import io.cadenza.controlplane.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Users of an account: invite (Keycloak user + row), list, change role and accesses, remove. */
@ApplicationScoped
public class UserService {
    private static final Logger LOG = Logger.getLogger(UserService.class);

    static final AccountRows.Kind<UserEntity> USERS = AccountRows.Kind.of("users", id -> UserEntity.<UserEntity>findById(id),
            u -> u.id, u -> u.accountId, UserService::notFound);

    @Inject
    Tx tx;
    @Inject
    AccountRows rows;
    @Inject
    KeycloakAdmin keycloak;
    @Inject
    NamespaceAccesses accesses;

    public PageResponse<UserDtos.UserView> list(Caller caller, Integer pageSize, String pageToken) {
        return rows.pageLoading(USERS, pageSize, pageToken,
                (afterId, page) -> UserEntity.<UserEntity>find("accountId = ?1 and id > ?2 order by id",
                        caller.accountId(), afterId).page(page).list(),
                users -> NamespaceAccesses.of(PrincipalType.USER, users.stream().map(u -> u.id).toList())
                        .map(grants -> u -> view(u, grants.getOrDefault(u.id, Map.of()))));
    }

    public UserDtos.UserView get(Caller caller, String id) {
        UserEntity user = rows.get(USERS, caller.accountId(), id);
        return view(user, grants(user.id));
    }

    public UserDtos.InvitedView invite(Caller caller, UserDtos.InviteRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("A JSON body {email, accountRole, namespaceAccesses} is required.");
        }
        requireManage(caller);
        UserRules.checkEmail("email", request.email());
        if (request.accountRole() == null) {
            throw ProblemException.invalid("accountRole", "is required: one of " + AccountRole.allowed());
        }
        if (!Permissions.canAssignRole(caller.role(), null, request.accountRole())) {
            throw ProblemException.forbidden("Only an account owner may grant the owner role.");
        }
        Map<String, NamespacePermission> grants = accesses.parse(caller.accountId(), request.namespaceAccesses());
        List<String> groups = UserGroups.parse(request.groups() == null ? List.of() : request.groups());
        String email = UserRules.normalizeEmail(request.email());
        if (request.password() != null) {
            String weak = UserRules.passwordProblem(request.password(), email);
            if (weak != null) {
                throw ProblemException.invalid("password", weak);
            }
        }
        if (tx.read(() -> UserEntity.count("email", email)) > 0 || keycloak.findUserId(email) != null) {
            throw ProblemException.conflict("A user with email " + email + " already exists; a user belongs to one "
                    + "account.");
        }
        String groupId = keycloak.ensureAccountGroup(caller.accountId());
        String password = request.password() != null ? request.password() : Passwords.generate();
        String keycloakUserId = keycloak.createUser(email, password, groupId);
        try {
            keycloak.setBusinessGroups(keycloakUserId, caller.accountId(), groups);
        } catch (RuntimeException e) {
            keycloak.deleteUser(keycloakUserId);
            throw e;
        }
        Instant now = Ids.now();
        UserEntity user = new UserEntity();
        user.id = Ids.random();
        user.accountId = caller.accountId();
        user.email = email;
        user.keycloakUserId = keycloakUserId;
        user.accountRole = request.accountRole().wire();
        user.businessGroups = UserGroups.column(groups);
        user.createdAt = now;
        user.updatedAt = now;
        try {
            tx.write(() -> user.persist()
                    .chain(() -> NamespaceAccesses.replace(caller.accountId(), PrincipalType.USER, user.id, grants)));
        } catch (RuntimeException e) {
            keycloak.deleteUser(keycloakUserId);
            throw e;
        }
        return new UserDtos.InvitedView(view(user, wire(grants)), request.password() != null ? null : password);
    }

    public UserDtos.UserView update(Caller caller, String id, UserDtos.UpdateRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("A JSON body {accountRole, namespaceAccesses} is required.");
        }
        requireManage(caller);
        UserEntity current = rows.get(USERS, caller.accountId(), id);
        AccountRole from = AccountRole.parse("accountRole", current.accountRole);
        AccountRole to = request.accountRole();
        if (to != null && !Permissions.canAssignRole(caller.role(), from, to)) {
            throw ProblemException.forbidden("Only an account owner may grant or take away the owner role.");
        }
        Map<String, NamespacePermission> grants = request.namespaceAccesses() == null ? null
                : accesses.parse(caller.accountId(), request.namespaceAccesses());
        List<String> groups = UserGroups.parse(request.groups());
        if (groups != null) {
            keycloak.setBusinessGroups(current.keycloakUserId, caller.accountId(), groups);
        }
        Instant now = Ids.now();
        UserEntity updated = rows.change(USERS, caller.accountId(), id, u -> {
            Uni<Void> check = Uni.createFrom().voidItem();
            if (to != null && to != AccountRole.OWNER && AccountRole.OWNER.wire().equals(u.accountRole)) {
                check = requireAnotherOwner(u, "demote");
            }
            return check.chain(() -> {
                if (to != null) {
                    u.accountRole = to.wire();
                }
                if (groups != null) {
                    u.businessGroups = UserGroups.column(groups);
                }
                u.updatedAt = now;
                return grants == null ? Uni.createFrom().voidItem()
                        : NamespaceAccesses.replace(caller.accountId(), PrincipalType.USER, u.id, grants);
            }).replaceWith(u);
        });
        return view(updated, grants(id));
    }

    public void remove(Caller caller, String id) {
        requireManage(caller);
        UserEntity current = rows.get(USERS, caller.accountId(), id);
        if (AccountRole.OWNER.wire().equals(current.accountRole) && caller.role() != AccountRole.OWNER) {
            throw ProblemException.forbidden("Only an account owner may remove an owner.");
        }
        Instant now = Ids.now();
        rows.change(USERS, caller.accountId(), id, u -> {
            Uni<Void> check = AccountRole.OWNER.wire().equals(u.accountRole)
                    ? requireAnotherOwner(u, "remove") : Uni.createFrom().voidItem();
            return check
                    .chain(() -> NamespaceAccessEntity.delete("principalType = ?1 and principalId = ?2",
                            PrincipalType.USER.wire(), id))
                    .chain(() -> ApiKeyEntity.update("deletedAt = ?1, updatedAt = ?1 where ownerType = ?2 and "
                            + "ownerId = ?3 and deletedAt is null", now, PrincipalType.USER.wire(), id))
                    .chain(() -> u.delete());
        });
        keycloak.deleteUser(current.keycloakUserId);
        LOG.infof("User %s removed from account %s by %s", id, caller.accountId(), caller.principal());
    }

    private static Uni<Void> requireAnotherOwner(UserEntity u, String verb) {
        return UserEntity.count("accountId = ?1 and accountRole = ?2 and id <> ?3", u.accountId,
                AccountRole.OWNER.wire(), u.id).map(others -> {
                    if (others == 0) {
                        throw ProblemException.conflict("Cannot " + verb + " the last owner of the account; make "
                                + "another user owner first.");
                    }
                    return null;
                }).replaceWithVoid();
    }

    private Map<String, String> grants(String userId) {
        return tx.read(() -> NamespaceAccesses.of(PrincipalType.USER, List.of(userId)))
                .getOrDefault(userId, Map.of());
    }

    private static void requireManage(Caller caller) {
        if (!Permissions.canManageAccount(caller.role())) {
            throw ProblemException.forbidden("Your account role " + caller.role().wire() + " cannot manage users; "
                    + "owners and admins can.");
        }
    }

    static ProblemException notFound(String id) {
        return ProblemException.notFound("User " + id + " does not exist.");
    }

    static Map<String, String> wire(Map<String, NamespacePermission> grants) {
        Map<String, String> result = new TreeMap<>();
        grants.forEach((k, v) -> result.put(k, v.wire()));
        return result;
    }

    static UserDtos.UserView view(UserEntity u, Map<String, String> grants) {
        return new UserDtos.UserView(u.id, u.email, AccountRole.parse("accountRole", u.accountRole),
                new TreeMap<>(grants), UserGroups.fromColumn(u.businessGroups), u.createdAt, u.updatedAt);
    }
}
