package io.cadenza.billing.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

class BillingCalendarTest {
    private static final YearMonth OCTOBER = YearMonth.of(2026, 10);
    private static final YearMonth NOVEMBER = YearMonth.of(2026, 11);
    private static final YearMonth DECEMBER = YearMonth.of(2026, 12);

    @Test
    void aMonthClosesOnlyAfterItsGracePeriod() {
        Duration grace = Duration.ofHours(1);
        assertThat(BillingCalendar.closable(NOVEMBER, Instant.parse("2026-11-30T23:59:59Z"), grace)).isEmpty();
        assertThat(BillingCalendar.closable(NOVEMBER, Instant.parse("2026-12-01T00:59:59Z"), grace)).isEmpty();
        assertThat(BillingCalendar.closable(NOVEMBER, Instant.parse("2026-12-01T01:00:00Z"), grace))
                .containsExactly(NOVEMBER);
        assertThat(BillingCalendar.closable(OCTOBER, Instant.parse("2026-12-05T00:00:00Z"), grace))
                .containsExactly(OCTOBER, NOVEMBER);
    }

    @Test
    void lateEventsGoToTheFirstOpenMonth() {
        assertThat(BillingCalendar.billedMonth(Instant.parse("2026-11-30T23:59:59Z"), NOVEMBER)).isEqualTo(NOVEMBER);
        assertThat(BillingCalendar.billedMonth(Instant.parse("2026-11-30T23:59:59Z"), DECEMBER)).isEqualTo(DECEMBER);
        assertThat(BillingCalendar.billedMonth(Instant.parse("2026-12-02T00:00:00Z"), NOVEMBER)).isEqualTo(DECEMBER);
        assertThat(BillingCalendar.start(DECEMBER)).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(BillingCalendar.end(DECEMBER)).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
    }
}
