package io.cadenza.controlplane.dev;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until the dev bootstrap (when enabled) has created the dev account and API key. */
@Readiness
@ApplicationScoped
public class DevBootstrapReadiness implements HealthCheck {
    @Inject
    DevBootstrap bootstrap;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("dev-bootstrap")
                .status(!bootstrap.enabled() || bootstrap.done())
                .build();
    }
}
