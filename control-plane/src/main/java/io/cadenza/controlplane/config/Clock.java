package io.cadenza.controlplane.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.time.InstantSource;

/** The clock is injected so rules can be tested with a fixed instant. */
public class Clock {
    @Produces
    @ApplicationScoped
    InstantSource clock() {
        return InstantSource.system();
    }
}
