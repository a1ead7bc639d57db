package io.cadenza.dashboard.backend;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The usage API's answer (summaries per day, record groups per namespace) as chart data: actions per day and
 * namespace, and storage per namespace over the whole range in GB-hours.
 */
public record UsageSeries(List<LocalDate> days, Map<String, long[]> actionsByNamespace,
                          Map<String, BigDecimal> activeGbHours, Map<String, BigDecimal> retainedGbHours) {

    private static final BigDecimal BYTE_SECONDS_PER_GB_HOUR = BigDecimal.valueOf(3_600_000_000_000L);

    public static UsageSeries from(JsonNode usage) {
        List<LocalDate> days = new ArrayList<>();
        Map<String, Map<Integer, Long>> actions = new TreeMap<>();
        Map<String, BigDecimal> active = new TreeMap<>();
        Map<String, BigDecimal> retained = new TreeMap<>();
        for (JsonNode summary : usage.path("summaries")) {
            int index = days.size();
            days.add(Instant.parse(summary.path("startTime").asText()).atZone(ZoneOffset.UTC).toLocalDate());
            for (JsonNode group : summary.path("recordGroups")) {
                String ns = "(all)";
                for (JsonNode by : group.path("groupBys")) {
                    if ("namespace".equals(by.path("key").asText())) {
                        ns = by.path("value").asText();
                    }
                }
                for (JsonNode record : group.path("records")) {
                    String type = record.path("type").asText();
                    BigDecimal value = new BigDecimal(record.path("value").asText("0"));
                    switch (type) {
                        case "ACTIONS" -> actions.computeIfAbsent(ns, k -> new TreeMap<>())
                                .merge(index, value.longValue(), Long::sum);
                        case "ACTIVE_STORAGE" -> active.merge(ns, gbHours(value), BigDecimal::add);
                        case "RETAINED_STORAGE" -> retained.merge(ns, gbHours(value), BigDecimal::add);
                        default -> {
                        }
                    }
                }
            }
        }
        Map<String, long[]> series = new LinkedHashMap<>();
        actions.forEach((ns, byDay) -> {
            long[] values = new long[days.size()];
            byDay.forEach((i, v) -> values[i] = v);
            series.put(ns, values);
        });
        return new UsageSeries(List.copyOf(days), series, active, retained);
    }

    private static BigDecimal gbHours(BigDecimal byteSeconds) {
        return byteSeconds.divide(BYTE_SECONDS_PER_GB_HOUR, 6, RoundingMode.HALF_EVEN);
    }

    /** The highest daily total of actions (all namespaces stacked). */
    public long maxDailyTotal() {
        long max = 0;
        for (int d = 0; d < days.size(); d++) {
            long total = 0;
            for (long[] v : actionsByNamespace.values()) {
                total += v[d];
            }
            max = Math.max(max, total);
        }
        return max;
    }
}
