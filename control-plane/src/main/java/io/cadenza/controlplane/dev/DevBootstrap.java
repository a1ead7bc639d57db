package io.cadenza.controlplane.dev;

import io.cadenza.controlplane.api.Ids;
import io.cadenza.controlplane.api.Tx;
import io.cadenza.controlplane.apikey.ApiKeyService;
import io.cadenza.controlplane.apikey.ApiKeyTokens;
import io.cadenza.controlplane.account.AccountEntity;
import io.cadenza.controlplane.account.AccountRules;
import io.cadenza.controlplane.auth.AccountRole;
import io.cadenza.controlplane.auth.Caller;
import io.cadenza.controlplane.auth.PrincipalType;
import io.cadenza.controlplane.cell.CellClient;
import io.cadenza.controlplane.config.CadenzaConfig;
import io.cadenza.controlplane.keycloak.KeycloakAdmin;
import io.cadenza.controlplane.namespace.NamespaceEntity;
import io.cadenza.controlplane.namespace.NamespaceRules;
import io.cadenza.controlplane.namespace.NamespaceState;
import io.cadenza.controlplane.namespace.SearchAttributeType;
import io.cadenza.controlplane.namespace.SearchAttributesJson;
import io.cadenza.controlplane.serviceaccount.ServiceAccountDtos;
import io.cadenza.controlplane.serviceaccount.ServiceAccountEntity;
import io.cadenza.controlplane.serviceaccount.ServiceAccountService;
import io.cadenza.controlplane.user.UserEntity;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Dev default ({@code cadenza.dev.bootstrap=true}): account {@value #ACCOUNT_ID} named "dev" with owner
 * {@value #OWNER_EMAIL}, namespace {@code default} on cell-1, service account {@code dev} with admin on it, and an API
 * key whose token is written once to {@code cadenza.dev.api-key-file}. Idempotent; retried in the background until
 * Keycloak and the database answer; readiness stays DOWN until it is done.
 */
@ApplicationScoped
public class DevBootstrap {
    private static final Logger LOG = Logger.getLogger(DevBootstrap.class);
    public static final String ACCOUNT_ID = "dev00";
    public static final String ACCOUNT_NAME = "dev";
    public static final String OWNER_EMAIL = "dev@cadenza.local";
    public static final String OWNER_PASSWORD = "cadenza-dev-password";
    public static final String NAMESPACE = "default";
    public static final String SERVICE_ACCOUNT = "dev";

    @Inject
    CadenzaConfig config;
    @Inject
    Tx tx;
    @Inject
    KeycloakAdmin keycloak;
    @Inject
    CellClient cells;
    @Inject
    ServiceAccountService serviceAccounts;
    @Inject
    ApiKeyService apiKeys;

    private volatile boolean done;
    private volatile boolean stopping;
    private Thread worker;

    public boolean enabled() {
        return config.dev().bootstrap();
    }

    public boolean done() {
        return done;
    }

    void start(@Observes StartupEvent event) {
        if (!enabled()) {
            return;
        }
        worker = new Thread(this::runUntilDone, "cadenza-dev-bootstrap");
        worker.setDaemon(true);
        worker.start();
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        if (worker != null) {
            worker.interrupt();
        }
    }

    private void runUntilDone() {
        for (int attempt = 1; !stopping; attempt++) {
            var requestContext = io.quarkus.arc.Arc.container().requestContext();
            requestContext.activate(); // the Keycloak admin client is request scoped
            try {
                bootstrap();
                done = true;
                LOG.infof("Dev bootstrap done: account %s, owner %s, namespace %s, service account %s", ACCOUNT_ID,
                        OWNER_EMAIL, NAMESPACE, SERVICE_ACCOUNT);
                return;
            } catch (RuntimeException e) {
                LOG.warnf("Dev bootstrap attempt %d failed (retrying in 3 s): %s", attempt, e.getMessage());
                try {
                    Thread.sleep(3000);
                } catch (InterruptedException ie) {
                    return;
                }
            } finally {
                requestContext.terminate();
            }
        }
    }

    void bootstrap() {
        Instant now = Ids.now();
        String groupId = keycloak.ensureAccountGroup(ACCOUNT_ID);
        String keycloakUserId = keycloak.findUserId(OWNER_EMAIL);
        if (keycloakUserId == null) {
            keycloakUserId = keycloak.createUser(OWNER_EMAIL, OWNER_PASSWORD, groupId);
        } else {
            keycloak.ensureProfileComplete(keycloakUserId, OWNER_EMAIL);
            keycloak.ensureMember(keycloakUserId, groupId);
        }
        String kcUser = keycloakUserId;
        UserEntity owner = tx.write(() -> AccountEntity.<AccountEntity>findById(ACCOUNT_ID).chain((AccountEntity account) -> {
            if (account != null) {
                return Uni.createFrom().voidItem();
            }
            AccountEntity a = new AccountEntity();
            a.id = ACCOUNT_ID;
            a.name = ACCOUNT_NAME;
            a.nameKey = AccountRules.nameKey(ACCOUNT_NAME);
            a.createdAt = now;
            return a.persist().replaceWithVoid();
        }).chain(() -> UserEntity.<UserEntity>find("email", OWNER_EMAIL).<UserEntity>firstResult()).chain((UserEntity existing) -> {
            if (existing != null) {
                if (!existing.keycloakUserId.equals(kcUser)) {
                    existing.keycloakUserId = kcUser;
                }
                return Uni.createFrom().item(existing);
            }
            UserEntity u = new UserEntity();
            u.id = Ids.random();
            u.accountId = ACCOUNT_ID;
            u.email = OWNER_EMAIL;
            u.keycloakUserId = kcUser;
            u.accountRole = AccountRole.OWNER.wire();
            u.createdAt = now;
            u.updatedAt = now;
            return u.<UserEntity>persist();
        }));
        ensureDefaultNamespace(now);
        ServiceAccountEntity sa = ensureServiceAccount(owner);
        ensureApiKey(sa);
    }

    private void ensureDefaultNamespace(Instant now) {
        String cellId = cells.endpoint("cell-1") != null ? "cell-1" : cells.cellIds().first();
        Map<String, SearchAttributeType> devAttributes = new TreeMap<>(Map.of(
                "CustomKeywordField", SearchAttributeType.KEYWORD,
                "CustomStringField", SearchAttributeType.TEXT,
                "CustomTextField", SearchAttributeType.TEXT,
                "CustomIntField", SearchAttributeType.INT,
                "CustomDatetimeField", SearchAttributeType.DATETIME,
                "CustomDoubleField", SearchAttributeType.DOUBLE,
                "CustomBoolField", SearchAttributeType.BOOL));
        tx.write(() -> NamespaceEntity.<NamespaceEntity>findById(NAMESPACE).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().voidItem();
            }
            NamespaceEntity ns = new NamespaceEntity();
            ns.id = NAMESPACE;
            ns.accountId = ACCOUNT_ID;
            ns.name = NAMESPACE;
            ns.cellId = cellId;
            ns.state = NamespaceState.PROVISIONING.wire();
            ns.retentionDays = 1;
            ns.searchAttributes = SearchAttributesJson.write(devAttributes);
            ns.appliedSearchAttributes = "{}";
            ns.deleteProtection = true;
            ns.actionsPerSecond = NamespaceRules.DEFAULT_ACTIONS_PER_SECOND;
            ns.requestsPerSecond = NamespaceRules.DEFAULT_REQUESTS_PER_SECOND;
            ns.specVersion = 1;
            ns.appliedVersion = 0;
            ns.nextReconcileAt = now;
            ns.createdBy = "internal:dev-bootstrap";
            ns.createdAt = now;
            ns.updatedAt = now;
            return ns.persist().replaceWithVoid();
        }));
    }

    private ServiceAccountEntity ensureServiceAccount(UserEntity owner) {
        ServiceAccountEntity existing = tx.read(() -> ServiceAccountEntity.<ServiceAccountEntity>find(
                "accountId = ?1 and name = ?2", ACCOUNT_ID, SERVICE_ACCOUNT).firstResult());
        if (existing != null) {
            return existing;
        }
        // A client left over from a wiped database would make creation fail: dev only, so replace it.
        String stale = keycloak.findClientUuid(ServiceAccountService.clientId(ACCOUNT_ID, SERVICE_ACCOUNT));
        if (stale != null) {
            keycloak.deleteClient(stale);
        }
        Caller ownerCaller = new Caller(PrincipalType.USER, owner.id, owner.email, ACCOUNT_ID, AccountRole.OWNER, null);
        var created = serviceAccounts.create(ownerCaller, new ServiceAccountDtos.CreateRequest(SERVICE_ACCOUNT,
                "Dev default service account", AccountRole.DEVELOPER, Map.of(NAMESPACE, "admin")));
        return tx.read(() -> ServiceAccountEntity.<ServiceAccountEntity>findById(created.serviceAccount().id()));
    }

    private void ensureApiKey(ServiceAccountEntity sa) {
        if (config.dev().apiKeyFile().isEmpty()) {
            LOG.info("cadenza.dev.api-key-file is not set: no dev API key is created");
            return;
        }
        Path file = Path.of(config.dev().apiKeyFile().get());
        if (Files.exists(file)) {
            return;
        }
        String token = ApiKeyTokens.generate();
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            return;
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + file + ": " + e.getMessage(), e);
        }
        try {
            apiKeys.createForBootstrap(ACCOUNT_ID, PrincipalType.SERVICE_ACCOUNT, sa.id, "dev",
                    token, Instant.now().plus(Duration.ofDays(2 * 365)));
            Files.writeString(file, token + "\n", StandardCharsets.UTF_8);
            LOG.infof("Dev API key written to %s", file);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // best effort: the next attempt recreates it
            }
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }
}
