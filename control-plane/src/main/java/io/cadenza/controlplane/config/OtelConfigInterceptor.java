package io.cadenza.controlplane.config;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import jakarta.annotation.Priority;

/**
 * OpenTelemetry is exported over OTLP only when an endpoint is configured: unless {@code quarkus.otel.sdk.disabled}
 * is set explicitly, the SDK is disabled when no OTLP endpoint is configured, so nothing tries (and fails, loudly)
 * to reach localhost:4317.
 */
@Priority(100)
public class OtelConfigInterceptor implements ConfigSourceInterceptor {
    private static final String DISABLED = "quarkus.otel.sdk.disabled";
    private static final String[] ENDPOINTS = {
            "quarkus.otel.exporter.otlp.endpoint",
            "quarkus.otel.exporter.otlp.traces.endpoint",
    };

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (!DISABLED.equals(name) || explicit(value)) {
            return value;
        }
        for (String endpoint : ENDPOINTS) {
            ConfigValue configured = context.proceed(endpoint);
            if (explicit(configured) && !configured.getValue().isBlank()) {
                return value;
            }
        }
        return ConfigValue.builder().withName(DISABLED).withValue("true")
                .withConfigSourceName("cadenza: no OTLP endpoint configured").build();
    }

    /** Set by the operator (system property, env, application.properties), not a built-in default. */
    private static boolean explicit(ConfigValue value) {
        return value != null && value.getValue() != null && value.getConfigSourceName() != null
                && !value.getConfigSourceName().toLowerCase(java.util.Locale.ROOT).contains("default");
    }
}
