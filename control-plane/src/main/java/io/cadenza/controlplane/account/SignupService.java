package io.cadenza.controlplane.account;

import io.cadenza.controlplane.api.Ids;
import io.cadenza.controlplane.api.Tx;
import io.cadenza.controlplane.auth.AccountRole;
import io.cadenza.controlplane.auth.Caller;
import io.cadenza.controlplane.auth.PrincipalType;
import io.cadenza.controlplane.keycloak.KeycloakAdmin;
import io.cadenza.controlplane.problem.ProblemException;
import io.cadenza.controlplane.user.UserEntity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;

/**
 * Creates an account and its owner: Keycloak group and user first (undone if anything later fails), then the rows.
 * Also used by the dev bootstrap with a fixed account id.
 */
@ApplicationScoped
public class SignupService {
    private static final Logger LOG = Logger.getLogger(SignupService.class);

    @Inject
    Tx tx;
    @Inject
    KeycloakAdmin keycloak;

    public record Created(AccountEntity account, UserEntity owner) {
        public Caller ownerCaller() {
            return new Caller(PrincipalType.USER, owner.id, owner.email, account.id, AccountRole.OWNER, null);
        }
    }

    public Created signup(String accountName, String email, String password) {
        AccountRules.checkSignup(accountName, email, password);
        return create(null, accountName.trim(), AccountRules.normalizeEmail(email), password);
    }

    /** Creates the account with {@code fixedId} (or a random unique id when null). */
    public Created create(String fixedId, String accountName, String email, String password) {
        String nameKey = AccountRules.nameKey(accountName);
        boolean nameTaken = tx.read(() -> AccountEntity.count("nameKey", nameKey)) > 0;
        if (nameTaken) {
            throw ProblemException.conflict("An account named '" + accountName + "' already exists; choose another "
                    + "name.");
        }
        boolean emailTaken = tx.read(() -> UserEntity.count("email", email)) > 0 || keycloak.findUserId(email) != null;
        if (emailTaken) {
            throw ProblemException.conflict("A user with email " + email + " already exists; a user belongs to one "
                    + "account. Log in instead, or use another email.");
        }
        String accountId = fixedId != null ? fixedId : uniqueAccountId();
        String groupId = keycloak.ensureAccountGroup(accountId);
        String keycloakUserId;
        try {
            keycloakUserId = keycloak.createUser(email, password, groupId);
        } catch (RuntimeException e) {
            keycloak.deleteAccountGroup(accountId);
            throw e;
        }
        Instant now = Ids.now();
        AccountEntity account = new AccountEntity();
        account.id = accountId;
        account.name = accountName;
        account.nameKey = nameKey;
        account.createdAt = now;
        UserEntity owner = new UserEntity();
        owner.id = Ids.random();
        owner.accountId = accountId;
        owner.email = email;
        owner.keycloakUserId = keycloakUserId;
        owner.accountRole = AccountRole.OWNER.wire();
        owner.createdAt = now;
        owner.updatedAt = now;
        try {
            tx.write(() -> account.persist().chain(() -> owner.persist()).chain(() -> Uni.createFrom().voidItem()));
        } catch (RuntimeException e) {
            LOG.warnf("Sign-up of %s failed after Keycloak changes; undoing them: %s", accountName, e.getMessage());
            keycloak.deleteUser(keycloakUserId);
            keycloak.deleteAccountGroup(accountId);
            throw e;
        }
        LOG.infof("Account %s (%s) created with owner %s", accountId, accountName, owner.id);
        return new Created(account, owner);
    }

    private String uniqueAccountId() {
        for (int i = 0; i < 20; i++) {
            String id = Ids.accountId();
            if (tx.read(() -> AccountEntity.<AccountEntity>findById(id)) == null) {
                return id;
            }
        }
        throw new IllegalStateException("could not find a free account id");
    }
}
