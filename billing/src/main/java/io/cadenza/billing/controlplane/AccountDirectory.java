package io.cadenza.billing.controlplane;

import io.cadenza.billing.config.BillingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Namespace id to account id. Asks the control plane (a namespace never changes account, so answers are cached for
 * the life of the process); when it cannot answer, the id format decides: {@code <name>.<accountId>}, and
 * {@code default} belongs to the dev account.
 */
@ApplicationScoped
public class AccountDirectory {
    private static final Logger LOG = Logger.getLogger(AccountDirectory.class);
    private static final int MAX_CACHED = 100_000;

    @Inject
    ControlPlaneClient controlPlane;
    @Inject
    BillingConfig config;

    private final Map<String, String> cache = new ConcurrentHashMap<>();

    /** The account, or empty when neither the control plane nor the id format names one. */
    public CompletableFuture<Optional<String>> accountOf(String namespaceId) {
        String cached = cache.get(namespaceId);
        if (cached != null) {
            return CompletableFuture.completedFuture(Optional.of(cached));
        }
        if (!controlPlane.configured()) {
            return CompletableFuture.completedFuture(remember(namespaceId, fromFormat(namespaceId)));
        }
        return controlPlane.namespaceAccount(namespaceId).handle((answer, error) -> {
            if (error != null) {
                LOG.debugf("control plane lookup of namespace %s failed (%s); using its id format", namespaceId,
                        error.getMessage());
                return fromFormat(namespaceId);
            }
            // 404: a deleted namespace still bills its last usage to the account its id names.
            return answer.isPresent() ? answer : fromFormat(namespaceId);
        }).thenApply(account -> remember(namespaceId, account));
    }

    Optional<String> fromFormat(String namespaceId) {
        return fromFormat(namespaceId, config.devAccountId());
    }

    static Optional<String> fromFormat(String namespaceId, String devAccountId) {
        if ("default".equals(namespaceId)) {
            return Optional.of(devAccountId);
        }
        int dot = namespaceId.lastIndexOf('.');
        if (dot <= 0 || dot == namespaceId.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(namespaceId.substring(dot + 1));
    }

    private Optional<String> remember(String namespaceId, Optional<String> account) {
        if (account.isPresent() && cache.size() < MAX_CACHED) {
            cache.put(namespaceId, account.get());
        }
        return account;
    }
}
