package io.cadenza.controlplane.apikey;

import io.cadenza.controlplane.api.AccountRows;
import io.cadenza.controlplane.api.Ids;
import io.cadenza.controlplane.api.PageResponse;
import io.cadenza.controlplane.api.Tx;
import io.cadenza.controlplane.auth.Caller;
import io.cadenza.controlplane.auth.Permissions;
import io.cadenza.controlplane.auth.PrincipalDirectory;
import io.cadenza.controlplane.auth.PrincipalType;
import io.cadenza.controlplane.problem.ProblemException;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.InstantSource;

/** API keys: the token is returned once at creation; only its SHA-256 is stored. */
@ApplicationScoped
public class ApiKeyService {

    static final AccountRows.Kind<ApiKeyEntity> API_KEYS = AccountRows.Kind.of("api-keys",
                    id -> ApiKeyEntity.<ApiKeyEntity>findById(id), k -> k.id, k -> k.accountId, ApiKeyService::notFound)
            .liveWhen(k -> k.deletedAt == null);

    @Inject
    Tx tx;
    @Inject
    AccountRows rows;
    @Inject
    InstantSource clock;
    @Inject
    PrincipalDirectory directory;

    public ApiKeyDtos.CreatedView create(Caller caller, ApiKeyDtos.CreateRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("A JSON body {displayName, expiryTime} is required.");
        }
        ApiKeyRules.checkDisplayName(request.displayName());
        checkDescription(request.description());
        ApiKeyRules.checkExpiry(request.expiryTime(), clock.instant());
        PrincipalType ownerType = request.ownerType() == null ? caller.type() : parseOwnerType(request.ownerType());
        String ownerId = request.ownerId() == null ? (request.ownerType() == null ? caller.id() : null)
                : request.ownerId();
        if (ownerId == null) {
            throw ProblemException.invalid("ownerId", "is required when ownerType is given");
        }
        boolean own = caller.is(ownerType, ownerId);
        if (!Permissions.canManageApiKey(caller.role(), own)) {
            throw ProblemException.forbidden("You may only create API keys for yourself; account owners and admins "
                    + "may create them for others.");
        }
        if (!own) {
            requireOwnerInAccount(caller.accountId(), ownerType, ownerId);
        }
        String token = ApiKeyTokens.generate();
        Instant now = Ids.now();
        ApiKeyEntity key = new ApiKeyEntity();
        key.id = Ids.random();
        key.accountId = caller.accountId();
        key.ownerType = ownerType.wire();
        key.ownerId = ownerId;
        key.displayName = request.displayName().trim();
        key.description = request.description();
        key.tokenHash = ApiKeyTokens.hash(token);
        key.tokenPrefix = ApiKeyTokens.displayPrefix(token);
        key.disabled = false;
        key.expiresAt = request.expiryTime();
        key.createdBy = caller.principal();
        key.createdAt = now;
        key.updatedAt = now;
        tx.write(() -> ApiKeyEntity.count("ownerType = ?1 and ownerId = ?2 and deletedAt is null", key.ownerType,
                key.ownerId).chain(existing -> {
                    ApiKeyRules.checkCount(ownerType, existing);
                    return key.persist();
                }));
        return new ApiKeyDtos.CreatedView(key.id, token, view(key));
    }

    /** Persists a key with a known token (dev bootstrap writes the token to a file). */
    public ApiKeyEntity createForBootstrap(String accountId, PrincipalType ownerType, String ownerId,
                                           String displayName, String token, Instant expiry) {
        Instant now = Ids.now();
        ApiKeyEntity key = new ApiKeyEntity();
        key.id = Ids.random();
        key.accountId = accountId;
        key.ownerType = ownerType.wire();
        key.ownerId = ownerId;
        key.displayName = displayName;
        key.tokenHash = ApiKeyTokens.hash(token);
        key.tokenPrefix = ApiKeyTokens.displayPrefix(token);
        key.expiresAt = expiry;
        key.createdBy = "internal:dev-bootstrap";
        key.createdAt = now;
        key.updatedAt = now;
        return tx.write(key::persist);
    }

    public PageResponse<ApiKeyDtos.ApiKeyView> list(Caller caller, String ownerType, String ownerId,
                                                    Integer pageSize, String pageToken) {
        String filterType;
        String filterId;
        if (Permissions.canManageAccount(caller.role())) {
            filterType = ownerType == null ? null : parseOwnerType(ownerType).wire();
            filterId = ownerId;
        } else {
            filterType = caller.type().wire();
            filterId = caller.id();
        }
        StringBuilder query = new StringBuilder("accountId = :account and id > :after and deletedAt is null");
        if (filterType != null) {
            query.append(" and ownerType = :ownerType");
        }
        if (filterId != null) {
            query.append(" and ownerId = :ownerId");
        }
        query.append(" order by id");
        return rows.page(API_KEYS, pageSize, pageToken, (afterId, page) -> {
            Parameters params = Parameters.with("account", caller.accountId()).and("after", afterId);
            if (filterType != null) {
                params = params.and("ownerType", filterType);
            }
            if (filterId != null) {
                params = params.and("ownerId", filterId);
            }
            return ApiKeyEntity.<ApiKeyEntity>find(query.toString(), params).page(page).list();
        }, this::view);
    }

    public ApiKeyDtos.ApiKeyView get(Caller caller, String id) {
        return view(loadManageable(caller, id, "read"));
    }

    public ApiKeyDtos.ApiKeyView update(Caller caller, String id, ApiKeyDtos.UpdateRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("A JSON body {displayName, description, disabled} is required.");
        }
        if (request.displayName() != null) {
            ApiKeyRules.checkDisplayName(request.displayName());
        }
        checkDescription(request.description());
        loadManageable(caller, id, "change");
        Instant now = Ids.now();
        ApiKeyEntity updated = rows.change(API_KEYS, caller.accountId(), id, k -> {
            if (request.displayName() != null) {
                k.displayName = request.displayName().trim();
            }
            if (request.description() != null) {
                k.description = request.description();
            }
            if (request.disabled() != null) {
                k.disabled = request.disabled();
            }
            k.updatedAt = now;
            return Uni.createFrom().item(k);
        });
        return view(updated);
    }

    public void delete(Caller caller, String id) {
        loadManageable(caller, id, "delete");
        Instant now = Ids.now();
        tx.write(() -> ApiKeyEntity.update("deletedAt = ?1, updatedAt = ?1 where id = ?2 and deletedAt is null",
                now, id));
    }

    private ApiKeyEntity loadManageable(Caller caller, String id, String action) {
        ApiKeyEntity key = rows.get(API_KEYS, caller.accountId(), id);
        boolean own = caller.is(PrincipalType.fromWire(key.ownerType), key.ownerId);
        if (!Permissions.canManageApiKey(caller.role(), own)) {
            throw ProblemException.forbidden("You may only " + action + " your own API keys; account owners and "
                    + "admins may " + action + " any key of the account.");
        }
        return key;
    }

    private void requireOwnerInAccount(String accountId, PrincipalType type, String ownerId) {
        if (!directory.isMember(accountId, type, ownerId)) {
            throw ProblemException.invalid("ownerId", "no " + type.wire() + " " + ownerId + " in your account");
        }
    }

    private static PrincipalType parseOwnerType(String value) {
        if ("user".equals(value)) {
            return PrincipalType.USER;
        }
        if ("service-account".equals(value)) {
            return PrincipalType.SERVICE_ACCOUNT;
        }
        throw ProblemException.invalid("ownerType", "must be user or service-account (got '" + value + "')");
    }

    private static void checkDescription(String description) {
        if (description != null && description.length() > 400) {
            throw ProblemException.invalid("description", "must be at most 400 characters");
        }
    }

    static ProblemException notFound(String id) {
        return ProblemException.notFound("API key " + id + " does not exist.");
    }

    ApiKeyDtos.ApiKeyView view(ApiKeyEntity k) {
        return new ApiKeyDtos.ApiKeyView(k.id, k.displayName, k.description, k.ownerType, k.ownerId, k.tokenPrefix,
                k.expiresAt, k.disabled, !k.expiresAt.isAfter(clock.instant()), k.createdBy, k.createdAt,
                k.updatedAt);
    }
}
