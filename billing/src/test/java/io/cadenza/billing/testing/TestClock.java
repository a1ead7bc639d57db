package io.cadenza.billing.testing;

import io.cadenza.billing.config.BillingClock;
import io.quarkus.test.Mock;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** A clock the tests set (month close, late events, running periods). */
@Mock
@ApplicationScoped
public class TestClock extends BillingClock {
    private volatile Instant now = Instant.parse("2026-12-03T12:00:00Z");

    @Override
    public Instant instant() {
        return now;
    }

    public void set(Instant instant) {
        now = instant;
    }
}
