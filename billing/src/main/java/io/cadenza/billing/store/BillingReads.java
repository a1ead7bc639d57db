package io.cadenza.billing.store;

import io.cadenza.billing.pricing.BillingCalendar;
import io.cadenza.billing.pricing.PlanChange;
import io.cadenza.billing.pricing.UsageLine;
import io.cadenza.billing.pricing.UsageType;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Queries over billing's tables; each takes the client (pool or transaction connection) to run on. */
@ApplicationScoped
public class BillingReads {

    /** One hourly aggregate row as the usage API reads it. */
    public record HourRow(Instant hour, String namespaceId, UsageType type, String action, long quantity) {
    }

    public Uni<YearMonth> firstOpenMonth(SqlClient db, String accountId) {
        return db.preparedQuery("SELECT first_open_month FROM billing_account WHERE account_id = $1")
                .execute(Tuple.of(accountId))
                .map(rows -> rows.size() == 0 ? null : YearMonth.from(rows.iterator().next().getLocalDate(0)));
    }

    public Uni<List<PlanChange>> planHistory(SqlClient db, String accountId) {
        return db.preparedQuery("SELECT plan_id, effective_at FROM plan_change WHERE account_id = $1 "
                        + "ORDER BY effective_at")
                .execute(Tuple.of(accountId))
                .map(rows -> {
                    List<PlanChange> history = new ArrayList<>();
                    for (Row r : rows) {
                        history.add(new PlanChange(r.getString(0), r.getOffsetDateTime(1).toInstant()));
                    }
                    return history;
                });
    }

    /** Usage of hours in {@code month} billed in {@code billedUpTo} or earlier, per namespace and type. */
    public Uni<List<UsageLine>> monthUsage(SqlClient db, String accountId, YearMonth month, YearMonth billedUpTo) {
        return db.preparedQuery("SELECT namespace_id, usage_type, sum(quantity)::bigint FROM usage_hourly "
                        + "WHERE account_id = $1 AND hour_start >= $2 AND hour_start < $3 AND billed_month <= $4 "
                        + "GROUP BY namespace_id, usage_type ORDER BY namespace_id, usage_type")
                .execute(Tuple.of(accountId, utc(BillingCalendar.start(month)), utc(BillingCalendar.end(month)),
                        billedUpTo.atDay(1)))
                .map(rows -> {
                    List<UsageLine> lines = new ArrayList<>();
                    for (Row r : rows) {
                        lines.add(new UsageLine(r.getString(0), UsageType.valueOf(r.getString(1)), r.getLong(2)));
                    }
                    return lines;
                });
    }

    /** Months before {@code billedMonth} with usage billed late in {@code billedMonth}, and their late actions. */
    public Uni<Map<YearMonth, Long>> lateMonths(SqlClient db, String accountId, YearMonth billedMonth) {
        return db.preparedQuery("SELECT hour_start, usage_type, quantity FROM usage_hourly "
                        + "WHERE account_id = $1 AND billed_month = $2 AND hour_start < $3")
                .execute(Tuple.of(accountId, billedMonth.atDay(1), utc(BillingCalendar.start(billedMonth))))
                .map(rows -> {
                    Map<YearMonth, Long> late = new TreeMap<>();
                    for (Row r : rows) {
                        long actions = "ACTIONS".equals(r.getString(1)) ? r.getLong(2) : 0;
                        late.merge(BillingCalendar.monthOf(r.getOffsetDateTime(0).toInstant()), actions, Long::sum);
                    }
                    return late;
                });
    }

    /** Hourly rows of an account in {@code [from, to)}. */
    public Uni<List<HourRow>> hours(SqlClient db, String accountId, Instant from, Instant to) {
        return db.preparedQuery("SELECT hour_start, namespace_id, usage_type, action, sum(quantity)::bigint "
                        + "FROM usage_hourly WHERE account_id = $1 AND hour_start >= $2 AND hour_start < $3 "
                        + "GROUP BY hour_start, namespace_id, usage_type, action ORDER BY hour_start")
                .execute(Tuple.of(accountId, utc(from), utc(to)))
                .map(rows -> {
                    List<HourRow> hours = new ArrayList<>();
                    for (Row r : rows) {
                        hours.add(new HourRow(r.getOffsetDateTime(0).toInstant(), r.getString(1),
                                UsageType.valueOf(r.getString(2)), r.getString(3), r.getLong(4)));
                    }
                    return hours;
                });
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
