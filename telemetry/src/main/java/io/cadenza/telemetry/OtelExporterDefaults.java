package io.cadenza.telemetry;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import jakarta.annotation.Priority;
import java.util.List;
import java.util.Map;

/**
 * Tracing exports only when an OTLP endpoint is configured: without one the OpenTelemetry SDK is disabled
 * ({@code quarkus.otel.sdk.disabled=true}), so there is no exporter retrying against localhost and no error log.
 * The standard {@code OTEL_EXPORTER_OTLP_ENDPOINT} environment variable is honoured as well as Quarkus's own keys.
 * An explicit {@code quarkus.otel.sdk.disabled} always wins.
 */
@Priority(100)
public final class OtelExporterDefaults implements ConfigSourceInterceptor {

    static final String SDK_DISABLED = "quarkus.otel.sdk.disabled";
    static final String ENDPOINT = "quarkus.otel.exporter.otlp.endpoint";
    static final String TRACES_ENDPOINT = "quarkus.otel.exporter.otlp.traces.endpoint";
    static final List<String> STANDARD_ENV = List.of("OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");

    /** Defaults live in sources with very low ordinals; application.properties is 250, env 300. */
    static final int EXPLICIT_ORDINAL = 100;

    private final Map<String, String> env;

    public OtelExporterDefaults() {
        this(System.getenv());
    }

    OtelExporterDefaults(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (isSet(value)) {
            return value;
        }
        if (SDK_DISABLED.equals(name)) {
            boolean configured = isSet(context.proceed(ENDPOINT)) || isSet(context.proceed(TRACES_ENDPOINT))
                    || standardEndpoint() != null;
            return ConfigValue.builder().withName(name).withValue(Boolean.toString(!configured)).build();
        }
        if (ENDPOINT.equals(name) && standardEndpoint() != null) {
            return ConfigValue.builder().withName(name).withValue(standardEndpoint()).build();
        }
        return value;
    }

    private String standardEndpoint() {
        for (String key : STANDARD_ENV) {
            String v = env.get(key);
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    /** Set by someone (a file, the environment, a system property), not a built-in default. */
    private static boolean isSet(ConfigValue value) {
        return value != null && value.getValue() != null && !value.getValue().isBlank()
                && value.getConfigSourceOrdinal() >= EXPLICIT_ORDINAL;
    }
}
