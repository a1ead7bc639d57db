package io.cadenza.gateway;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only once the Temporal gRPC port is listening. */
@Readiness
@ApplicationScoped
public class GrpcReadiness implements HealthCheck {

    @Inject
    GatewayLifecycle lifecycle;

    @Override
    public HealthCheckResponse call() {
        var server = lifecycle.server();
        boolean up = server != null && server.isServing();
        var builder = HealthCheckResponse.named("temporal-grpc").status(up);
        if (server != null) {
            builder.withData("port", server.port());
        }
        return builder.build();
    }
}
