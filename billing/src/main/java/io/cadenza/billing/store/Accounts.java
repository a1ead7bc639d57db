package io.cadenza.billing.store;

import io.cadenza.billing.pricing.BillingCalendar;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Creating billing accounts: on the default plan from their first usage (or first visit), idempotently. */
final class Accounts {
    private Accounts() {
    }

    /**
     * Creates the missing accounts among {@code ids}; {@code since} (same order) is when each starts being billed:
     * its first open month is that month and its default plan is effective from then.
     */
    static Uni<Void> ensure(SqlConnection conn, List<String> ids, List<Instant> since, String defaultPlan,
                            Instant now) {
        String[] idArray = ids.toArray(new String[0]);
        LocalDate[] months = since.stream().map(s -> BillingCalendar.monthOf(s).atDay(1)).toArray(LocalDate[]::new);
        OffsetDateTime[] sinceArray = since.stream().map(s -> s.atOffset(ZoneOffset.UTC))
                .toArray(OffsetDateTime[]::new);
        return conn.preparedQuery("INSERT INTO billing_account (account_id, first_open_month, created_at) "
                        + "SELECT a, m, $3 FROM unnest($1::text[], $2::date[]) AS t(a, m) "
                        + "ON CONFLICT (account_id) DO NOTHING RETURNING account_id")
                .execute(Tuple.of(idArray, months, now.atOffset(ZoneOffset.UTC)))
                .chain(rows -> {
                    List<String> created = new ArrayList<>();
                    for (Row r : rows) {
                        created.add(r.getString(0));
                    }
                    if (created.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    List<Tuple> plans = new ArrayList<>();
                    for (String id : created) {
                        plans.add(Tuple.of(id, sinceArray[ids.indexOf(id)], defaultPlan, "billing:new-account"));
                    }
                    return conn.preparedQuery("INSERT INTO plan_change (account_id, effective_at, plan_id, "
                                    + "changed_by) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING")
                            .executeBatch(plans).replaceWithVoid();
                });
    }
}
