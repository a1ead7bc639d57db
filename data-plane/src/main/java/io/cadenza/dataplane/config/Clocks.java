package io.cadenza.dataplane.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.InstantSource;

/** The engine reads time only through an injected {@link InstantSource}, so tests can control it. */
@ApplicationScoped
public class Clocks {

    @Produces
    @ApplicationScoped
    InstantSource clock() {
        return InstantSource.system();
    }
}
