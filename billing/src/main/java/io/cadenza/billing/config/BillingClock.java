package io.cadenza.billing.config;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.InstantSource;

/** The service's clock, a bean so tests can move time (month close, running periods). */
@ApplicationScoped
public class BillingClock implements InstantSource {
    @Override
    public Instant instant() {
        return Instant.now();
    }
}
