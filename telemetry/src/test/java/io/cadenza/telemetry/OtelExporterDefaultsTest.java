package io.cadenza.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OtelExporterDefaultsTest {

    private static SmallRyeConfig config(Map<String, String> properties, Map<String, String> env) {
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 250))
                .withInterceptors(new OtelExporterDefaults(env))
                .build();
    }

    @Test
    void theSdkIsDisabledWhenNoEndpointIsConfigured() {
        SmallRyeConfig config = config(Map.of(), Map.of());
        assertThat(config.getValue("quarkus.otel.sdk.disabled", Boolean.class)).isTrue();
    }

    @Test
    void aQuarkusEndpointEnablesTheSdk() {
        SmallRyeConfig config = config(Map.of("quarkus.otel.exporter.otlp.endpoint", "http://collector:4317"),
                Map.of());
        assertThat(config.getValue("quarkus.otel.sdk.disabled", Boolean.class)).isFalse();
    }

    @Test
    void theStandardEnvironmentVariableEnablesTheSdkAndIsUsedAsTheEndpoint() {
        SmallRyeConfig config = config(Map.of(), Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317"));
        assertThat(config.getValue("quarkus.otel.sdk.disabled", Boolean.class)).isFalse();
        assertThat(config.getValue("quarkus.otel.exporter.otlp.endpoint", String.class))
                .isEqualTo("http://collector:4317");
    }

    @Test
    void anExplicitSettingAlwaysWins() {
        SmallRyeConfig config = config(Map.of("quarkus.otel.sdk.disabled", "false"), Map.of());
        assertThat(config.getValue("quarkus.otel.sdk.disabled", Boolean.class)).isFalse();
    }
}
