package io.cadenza.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The generated COPY lines: one field per column, closed runs inside the spread, durations consistent. */
class ExecutionRowsTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    @Test
    void writesOneClosedRunPerLineWithConsistentTimes() {
        ExecutionRows rows = new ExecutionRows("ns-1", NOW, 7);
        Set<String> statuses = new HashSet<>();
        Set<String> types = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            StringBuilder line = new StringBuilder();
            rows.append(i, line);
            assertThat(line).endsWith("\n");
            String[] f = line.substring(0, line.length() - 1).split("\t", -1);
            assertThat(f).hasSize(ExecutionRows.COLUMNS.split(",").length);
            assertThat(f[0]).isEqualTo("ns-1");
            assertThat(f[1]).isEqualTo("visbench-" + i);
            assertThat(Integer.parseInt(f[3])).isBetween(0, ExecutionRows.SHARDS - 1);
            Instant start = Instant.parse(f[8]);
            Instant execution = Instant.parse(f[9]);
            Instant close = Instant.parse(f[10]);
            assertThat(start).isAfter(NOW.minus(ExecutionRows.SPREAD));
            assertThat(execution).isAfterOrEqualTo(start);
            assertThat(close).isAfter(execution).isBefore(NOW);
            assertThat(Long.parseLong(f[14])).isEqualTo(Duration.between(execution, close).toMillis());
            assertThat(f[12]).isEqualTo("\\\\x7b7d");
            assertThat(f[13]).isEqualTo("{\"CustomKeywordField\": \"cust-" + (i % ExecutionRows.CUSTOMERS) + "\"}");
            statuses.add(f[5]);
            types.add(f[6]);
        }
        assertThat(statuses).containsExactlyInAnyOrder("2", "3", "4", "5", "6", "7");
        assertThat(types).hasSize(6).contains("type-1", "type-3");
    }

    @Test
    void sameSeedAndNowGiveTheSameRows() {
        StringBuilder first = new StringBuilder();
        StringBuilder second = new StringBuilder();
        ExecutionRows a = new ExecutionRows("ns", NOW, 42);
        ExecutionRows b = new ExecutionRows("ns", NOW, 42);
        for (int i = 0; i < 100; i++) {
            a.append(i, first);
            b.append(i, second);
        }
        assertThat(first.toString()).isEqualTo(second.toString());
    }
}
