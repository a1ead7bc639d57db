package io.cadenza.dataplane.schedule.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random five-field expressions against a brute-force reading of robfig's rules (in UTC, where no DST
 * applies): cron-utils' parse, the mapping to bit sets and the ported search must agree with it on every case.
 */
class CronScheduleOracleTest {

    private static final String[] MONTHS = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT",
        "NOV", "DEC"};
    private static final String[] DAYS = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};

    /** One generated field: its text, the values it matches, and whether robfig marks it as a star. */
    private record Field(String text, boolean[] values, boolean star) {
    }

    @Test
    void nextAgreesWithABruteForceReadingOfTheRules() {
        Random random = new Random(20241125);
        int checked = 0;
        for (int n = 0; n < 2000; n++) {
            Field minute = field(random, 0, 59, null);
            Field hour = field(random, 0, 23, null);
            Field dom = field(random, 1, 31, null);
            Field month = field(random, 1, 12, MONTHS);
            Field dow = field(random, 0, 6, DAYS);
            String expr = String.join(" ", minute.text, hour.text, dom.text, month.text, dow.text);
            Instant after = Instant.ofEpochSecond(1_600_000_000L + (long) (random.nextDouble() * 300_000_000L))
                    .plusMillis(random.nextInt(1000));
            Optional<Instant> expected = oracle(after, minute, hour, dom, month, dow);
            CronSchedule schedule;
            try {
                schedule = CronSchedule.parse(expr);
            } catch (IllegalArgumentException e) {
                assertThat(e).hasMessageContaining("no time can be found");
                continue;
            }
            assertThat(schedule.next(after)).as("%s after %s", expr, after).isEqualTo(expected);
            checked++;
        }
        assertThat(checked).isGreaterThan(1500);
    }

    private static Field field(Random r, int min, int max, String[] names) {
        int kind = r.nextInt(8);
        boolean[] v = new boolean[max + 1];
        switch (kind) {
            case 0 -> {
                fill(v, min, max, 1);
                return new Field(r.nextBoolean() ? "*" : "?", v, true);
            }
            case 1 -> {
                // steps up to past the field's maximum, which robfig accepts (only the start matches then)
                int step = 2 + r.nextInt(max + 5);
                fill(v, min, max, step);
                return new Field("*/" + step, v, false);
            }
            case 2 -> {
                int a = min + r.nextInt(max - min + 1);
                int b = a + r.nextInt(max - a + 1);
                fill(v, a, b, 1);
                return new Field(name(a, names, r) + "-" + name(b, names, r), v, false);
            }
            case 3 -> {
                int a = min + r.nextInt(max - min + 1);
                int b = a + r.nextInt(max - a + 1);
                int step = 1 + r.nextInt(5);
                fill(v, a, b, step);
                return new Field(a + "-" + b + "/" + step, v, false);
            }
            case 4 -> {
                int a = min + r.nextInt(max - min + 1);
                int step = 1 + r.nextInt(r.nextBoolean() ? 7 : 70);
                fill(v, a, max, step);
                return new Field(a + "/" + step, v, false);
            }
            default -> {
                List<String> parts = new ArrayList<>();
                int count = 1 + r.nextInt(3);
                for (int i = 0; i < count; i++) {
                    int a = min + r.nextInt(max - min + 1);
                    v[a] = true;
                    parts.add(name(a, names, r));
                }
                // robfig ignores empty list items ("1,,2")
                return new Field(String.join(r.nextInt(5) == 0 ? ",," : ",", parts), v, false);
            }
        }
    }

    private static String name(int value, String[] names, Random r) {
        if (names != null && r.nextInt(3) == 0) {
            String n = names[names == MONTHS ? value - 1 : value];
            return r.nextBoolean() ? n : n.toLowerCase();
        }
        return Integer.toString(value);
    }

    private static void fill(boolean[] v, int from, int to, int step) {
        for (int i = from; i <= to; i += step) {
            v[i] = true;
        }
    }

    /** The first whole minute strictly after {@code after} whose UTC fields match, within robfig's five years. */
    private static Optional<Instant> oracle(Instant after, Field minute, Field hour, Field dom, Field month,
            Field dow) {
        LocalDateTime start = LocalDateTime.ofEpochSecond(after.getEpochSecond(), 0, ZoneOffset.UTC);
        int yearLimit = start.plusSeconds(1).getYear() + 5;
        for (LocalDate day = start.toLocalDate(); day.getYear() <= yearLimit; day = day.plusDays(1)) {
            boolean domMatch = dom.values[day.getDayOfMonth()];
            boolean dowMatch = dow.values[day.getDayOfWeek().getValue() % 7];
            boolean dayMatch = dom.star || dow.star ? domMatch && dowMatch : domMatch || dowMatch;
            if (!month.values[day.getMonthValue()] || !dayMatch) {
                continue;
            }
            for (int h = 0; h < 24; h++) {
                for (int m = 0; m < 60; m++) {
                    if (hour.values[h] && minute.values[m]) {
                        LocalDateTime candidate = day.atTime(h, m);
                        if (candidate.isAfter(start)) {
                            return Optional.of(candidate.toInstant(ZoneOffset.UTC));
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }
}
