package io.cadenza.dataplane.metering;

import io.cadenza.dataplane.config.DataPlaneConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.ConfigProvider;

/** Whether this instance meters usage ({@code cadenza.metering.enabled}, default: Kafka is configured). */
@ApplicationScoped
public class Metering {

    private final boolean enabled;

    public Metering(DataPlaneConfig config) {
        this.enabled = config.metering().enabled().orElseGet(() -> ConfigProvider.getConfig()
                .getOptionalValue("kafka.bootstrap.servers", String.class).filter(s -> !s.isBlank()).isPresent());
    }

    public boolean enabled() {
        return enabled;
    }
}
