package io.cadenza.billing.store;

import io.cadenza.billing.config.BillingConfig;
import io.cadenza.billing.pricing.BillingCalendar;
import io.cadenza.billing.pricing.UsageEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes usage: one transaction per consumed batch stores the new events (a known id is skipped), adds them to the
 * hourly aggregates and creates the accounts it sees for the first time (on the default plan).
 */
@ApplicationScoped
public class UsageStore {

    /** An event with the account its namespace belongs to. */
    public record Owned(UsageEvent event, String accountId) {
    }

    /** An event (element {@code element} of its record) that could not be ingested, kept in usage_rejected. */
    public record Rejected(String topicPartition, long offset, int element, String payload, String reason) {
    }

    public record Outcome(int inserted, int duplicates, int rejected) {
    }

    private record HourKey(String accountId, OffsetDateTime hour, String namespaceId, String type, String action,
                           LocalDate billedMonth) {
    }

    @Inject
    Pool pool;
    @Inject
    BillingConfig config;

    public Uni<Outcome> ingest(List<Owned> events, List<Rejected> rejected, Instant now) {
        // One id once per batch; sorted so concurrent batches lock rows in the same order (no deadlocks).
        Map<String, Owned> unique = new TreeMap<>();
        for (Owned o : events) {
            unique.putIfAbsent(o.event().id(), o);
        }
        int batchDuplicates = events.size() - unique.size();
        return pool.withTransaction(conn -> ensureAccounts(conn, unique.values(), now)
                .chain(() -> openMonths(conn, unique.values()))
                .chain(openMonths -> insertEvents(conn, unique.values(), openMonths, now)
                        .chain(inserted -> addToHours(conn, inserted, openMonths).replaceWith(inserted)))
                .call(() -> insertRejected(conn, rejected, now))
                .map(inserted -> new Outcome(inserted.size(), batchDuplicates + unique.size() - inserted.size(),
                        rejected.size())));
    }

    private Uni<Void> ensureAccounts(SqlConnection conn, Iterable<Owned> events, Instant now) {
        Map<String, Instant> earliest = new TreeMap<>();
        for (Owned o : events) {
            earliest.merge(o.accountId(), o.event().occurredAt(), (a, b) -> a.isBefore(b) ? a : b);
        }
        if (earliest.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<String> ids = new ArrayList<>(earliest.keySet());
        List<Instant> since = ids.stream().map(id -> earliest.get(id).isBefore(now) ? earliest.get(id) : now)
                .toList();
        return Accounts.ensure(conn, ids, since, config.defaultPlan(), now);
    }

    private Uni<Map<String, YearMonth>> openMonths(SqlConnection conn, Iterable<Owned> events) {
        Set<String> accounts = new HashSet<>();
        events.forEach(o -> accounts.add(o.accountId()));
        if (accounts.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        // FOR SHARE: a month cannot be finalized while a batch is adding to it (the finalizer locks FOR UPDATE).
        return conn.preparedQuery("SELECT account_id, first_open_month FROM billing_account "
                        + "WHERE account_id = ANY($1) ORDER BY account_id FOR SHARE")
                .execute(Tuple.of(accounts.toArray(new String[0])))
                .map(rows -> {
                    Map<String, YearMonth> open = new HashMap<>();
                    for (Row r : rows) {
                        open.put(r.getString(0), YearMonth.from(r.getLocalDate(1)));
                    }
                    return open;
                });
    }

    private Uni<List<Owned>> insertEvents(SqlConnection conn, Iterable<Owned> events,
                                          Map<String, YearMonth> openMonths, Instant now) {
        List<Owned> list = new ArrayList<>();
        events.forEach(list::add);
        if (list.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        int n = list.size();
        String[] ids = new String[n];
        String[] accounts = new String[n];
        String[] namespaces = new String[n];
        String[] types = new String[n];
        String[] actions = new String[n];
        Long[] quantities = new Long[n];
        OffsetDateTime[] occurred = new OffsetDateTime[n];
        LocalDate[] billed = new LocalDate[n];
        for (int i = 0; i < n; i++) {
            UsageEvent e = list.get(i).event();
            ids[i] = e.id();
            accounts[i] = list.get(i).accountId();
            namespaces[i] = e.namespaceId();
            types[i] = e.type().name();
            actions[i] = e.action();
            quantities[i] = e.quantity();
            occurred[i] = e.occurredAt().atOffset(ZoneOffset.UTC);
            billed[i] = BillingCalendar.billedMonth(e.occurredAt(), openMonths.get(accounts[i])).atDay(1);
        }
        Map<String, Owned> byId = new LinkedHashMap<>();
        list.forEach(o -> byId.put(o.event().id(), o));
        return conn.preparedQuery("INSERT INTO usage_event (event_id, account_id, namespace_id, usage_type, action, "
                        + "quantity, occurred_at, billed_month, ingested_at) "
                        + "SELECT i, a, ns, t, ac, q, o, b, $9 FROM unnest($1::text[], $2::text[], $3::text[], "
                        + "$4::text[], $5::text[], $6::bigint[], $7::timestamptz[], $8::date[]) "
                        + "AS e(i, a, ns, t, ac, q, o, b) "
                        + "ON CONFLICT (event_id) DO NOTHING RETURNING event_id")
                .execute(Tuple.tuple(List.of(ids, accounts, namespaces, types, actions, quantities, occurred, billed,
                        now.atOffset(ZoneOffset.UTC))))
                .map(rows -> {
                    List<Owned> inserted = new ArrayList<>();
                    for (Row r : rows) {
                        inserted.add(byId.get(r.getString(0)));
                    }
                    return inserted;
                });
    }

    private Uni<Void> addToHours(SqlConnection conn, List<Owned> inserted, Map<String, YearMonth> openMonths) {
        if (inserted.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map<HourKey, Long> sums = new TreeMap<>(Comparator.comparing(HourKey::accountId)
                .thenComparing(HourKey::hour).thenComparing(HourKey::namespaceId).thenComparing(HourKey::type)
                .thenComparing(HourKey::action).thenComparing(HourKey::billedMonth));
        for (Owned o : inserted) {
            UsageEvent e = o.event();
            sums.merge(new HourKey(o.accountId(), e.occurredAt().truncatedTo(ChronoUnit.HOURS).atOffset(
                    ZoneOffset.UTC), e.namespaceId(), e.type().name(), e.action(),
                    BillingCalendar.billedMonth(e.occurredAt(), openMonths.get(o.accountId())).atDay(1)),
                    e.quantity(), Long::sum);
        }
        int n = sums.size();
        String[] accounts = new String[n];
        OffsetDateTime[] hours = new OffsetDateTime[n];
        String[] namespaces = new String[n];
        String[] types = new String[n];
        String[] actions = new String[n];
        LocalDate[] billed = new LocalDate[n];
        Long[] quantities = new Long[n];
        int i = 0;
        for (Map.Entry<HourKey, Long> s : sums.entrySet()) {
            HourKey k = s.getKey();
            accounts[i] = k.accountId();
            hours[i] = k.hour();
            namespaces[i] = k.namespaceId();
            types[i] = k.type();
            actions[i] = k.action();
            billed[i] = k.billedMonth();
            quantities[i] = s.getValue();
            i++;
        }
        return conn.preparedQuery("INSERT INTO usage_hourly (account_id, hour_start, namespace_id, usage_type, "
                        + "action, billed_month, quantity) "
                        + "SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], "
                        + "$6::date[], $7::bigint[]) "
                        + "ON CONFLICT (account_id, hour_start, namespace_id, usage_type, action, billed_month) "
                        + "DO UPDATE SET quantity = usage_hourly.quantity + excluded.quantity")
                .execute(Tuple.tuple(List.of(accounts, hours, namespaces, types, actions, billed, quantities)))
                .replaceWithVoid();
    }

    private Uni<Void> insertRejected(SqlConnection conn, List<Rejected> rejected, Instant now) {
        if (rejected.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> rows = rejected.stream().map(r -> Tuple.of(r.topicPartition(), r.offset(), r.element(),
                r.payload(), r.reason(), now.atOffset(ZoneOffset.UTC))).toList();
        return conn.preparedQuery("INSERT INTO usage_rejected (topic_partition, record_offset, element, payload, "
                        + "reason, rejected_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING")
                .executeBatch(rows).replaceWithVoid();
    }
}
