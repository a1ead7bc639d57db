package io.cadenza.billing.store;

import io.cadenza.billing.config.BillingConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** Accounts seen through the API, and plan changes. */
@ApplicationScoped
public class PlanStore {
    @Inject
    Pool pool;
    @Inject
    BillingConfig config;

    /** Creates the account (on the default plan from now) unless billing knows it already. */
    public Uni<Void> ensureAccount(String accountId, Instant now) {
        return pool.withTransaction(conn -> Accounts.ensure(conn, List.of(accountId), List.of(now),
                config.defaultPlan(), now));
    }

    /** Appends a plan change effective at {@code now}. */
    public Uni<Void> change(String accountId, String planId, String changedBy, Instant now) {
        return pool.withTransaction(conn -> Accounts.ensure(conn, List.of(accountId), List.of(now),
                        config.defaultPlan(), now)
                .chain(() -> conn.preparedQuery("INSERT INTO plan_change (account_id, effective_at, plan_id, "
                                + "changed_by) VALUES ($1, $2, $3, $4) ON CONFLICT (account_id, effective_at) "
                                + "DO UPDATE SET plan_id = excluded.plan_id, changed_by = excluded.changed_by")
                        .execute(Tuple.of(accountId, now.atOffset(ZoneOffset.UTC), planId, changedBy)))
                .replaceWithVoid());
    }
}
