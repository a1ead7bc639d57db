package io.cadenza.billing.pricing;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Invoice months are calendar months in UTC. */
public final class BillingCalendar {
    private BillingCalendar() {
    }

    public static YearMonth monthOf(Instant instant) {
        return YearMonth.from(instant.atZone(ZoneOffset.UTC));
    }

    public static Instant start(YearMonth month) {
        return month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    public static Instant end(YearMonth month) {
        return start(month.plusMonths(1));
    }

    /**
     * The invoice month that bills an event: its own month while that invoice is open, otherwise (a late event for
     * a finalized month) the account's first open month, where it becomes an adjustment.
     *
     * @param firstOpen the account's earliest month whose invoice is not finalized
     */
    public static YearMonth billedMonth(Instant occurredAt, YearMonth firstOpen) {
        YearMonth own = monthOf(occurredAt);
        return own.isBefore(firstOpen) ? firstOpen : own;
    }

    /** Months from {@code firstOpen} on that ended at least {@code grace} before {@code now}, oldest first. */
    public static List<YearMonth> closable(YearMonth firstOpen, Instant now, Duration grace) {
        List<YearMonth> months = new ArrayList<>();
        for (YearMonth m = firstOpen; !end(m).plus(grace).isAfter(now); m = m.plusMonths(1)) {
            months.add(m);
        }
        return months;
    }
}
