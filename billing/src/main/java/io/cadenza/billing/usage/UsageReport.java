package io.cadenza.billing.usage;

import io.cadenza.billing.pricing.UsageType;
import io.cadenza.billing.store.BillingReads.HourRow;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Shapes hourly aggregates like Temporal Cloud's usage API (temporal.api.cloud.usage.v1): one summary per period,
 * record groups by namespace and/or kind (the action that was counted; storage has no kind), records per type.
 * Storage is reported in byte-seconds, as Temporal Cloud does.
 */
public final class UsageReport {
    private UsageReport() {
    }

    public enum Granularity {
        HOURLY(ChronoUnit.HOURS), DAILY(ChronoUnit.DAYS);

        final ChronoUnit unit;

        Granularity(ChronoUnit unit) {
            this.unit = unit;
        }

        public Instant floor(Instant t) {
            return t.truncatedTo(unit);
        }

        public Instant ceil(Instant t) {
            Instant f = floor(t);
            return f.equals(t) ? t : f.plus(1, unit);
        }

        public Duration length() {
            return unit.getDuration();
        }
    }

    public record GroupBy(String key, String value) {
    }

    public record Record(UsageType type, String unit, double value) {
    }

    public record RecordGroup(List<GroupBy> groupBys, List<Record> records) {
    }

    public record Summary(Instant startTime, Instant endTime, List<RecordGroup> recordGroups, boolean incomplete) {
    }

    /**
     * @param start aligned to the granularity
     * @param end   aligned to the granularity, after start
     * @param now   periods not yet over are {@code incomplete}
     */
    public static List<Summary> summaries(List<HourRow> rows, Instant start, Instant end, Granularity granularity,
                                          boolean byNamespace, boolean byKind, Instant now) {
        Map<Instant, Map<List<GroupBy>, Map<UsageType, Long>>> periods = new TreeMap<>();
        for (HourRow row : rows) {
            Instant period = granularity.floor(row.hour());
            List<GroupBy> key = new ArrayList<>(2);
            if (byNamespace) {
                key.add(new GroupBy("namespace", row.namespaceId()));
            }
            if (byKind && row.type() == UsageType.ACTIONS) {
                key.add(new GroupBy("kind", row.action()));
            }
            periods.computeIfAbsent(period, p -> new TreeMap<>(UsageReport::compareKeys))
                    .computeIfAbsent(List.copyOf(key), k -> new EnumMap<>(UsageType.class))
                    .merge(row.type(), row.quantity(), Long::sum);
        }
        List<Summary> summaries = new ArrayList<>();
        for (Instant p = start; p.isBefore(end); p = p.plus(granularity.length())) {
            Instant periodEnd = p.plus(granularity.length());
            List<RecordGroup> groups = new ArrayList<>();
            periods.getOrDefault(p, Map.of()).forEach((key, byType) -> {
                List<Record> records = new ArrayList<>();
                byType.forEach((type, quantity) -> records.add(type == UsageType.ACTIONS
                        ? new Record(type, "NUMBER", quantity)
                        : new Record(type, "BYTE_SECONDS", quantity * 3600.0)));
                groups.add(new RecordGroup(key, records));
            });
            summaries.add(new Summary(p, periodEnd, groups, periodEnd.isAfter(now)));
        }
        return summaries;
    }

    private static int compareKeys(List<GroupBy> a, List<GroupBy> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).key().compareTo(b.get(i).key());
            if (c == 0) {
                c = a.get(i).value().compareTo(b.get(i).value());
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }
}
