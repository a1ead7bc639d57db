package io.cadenza.terraform.cadenza;

import io.cadenza.terraform.framework.Attribute;
import io.cadenza.terraform.framework.Block;
import io.cadenza.terraform.framework.CtyType;
import io.cadenza.terraform.framework.DataSourceType;
import io.cadenza.terraform.framework.Diagnostics;
import io.cadenza.terraform.framework.ProviderDefinition;
import io.cadenza.terraform.framework.ResourceType;
import io.cadenza.terraform.framework.Unknown;

import java.util.List;
import java.util.Map;

/** The cadenza provider: configuration (endpoint, api_key) and the resources and data sources it offers. */
public final class CadenzaProvider implements ProviderDefinition {
    public static final String DEFAULT_ENDPOINT = "http://127.0.0.1:7243/api/v1";

    private volatile CadenzaApi api;
    private volatile boolean stopping;

    private final Block schema = new Block("Cadenza: hosted durable execution with Temporal's API.", 0,
            Attribute.optional("endpoint", CtyType.STRING).describe("Base URL of the REST API, e.g. "
                    + "https://api.cadenza.example/api/v1. Default: env CADENZA_ENDPOINT, else " + DEFAULT_ENDPOINT
                    + " (./cadenza dev)."),
            Attribute.optional("api_key", CtyType.STRING).sensitive().describe("API key (cdz_...) of a service "
                    + "account or user with the account admin role. Default: env CADENZA_API_KEY."));

    @Override
    public Block schema() {
        return schema;
    }

    @Override
    public void configure(Map<String, Object> config, Diagnostics diagnostics) {
        String endpoint = setting(config, "endpoint", "CADENZA_ENDPOINT");
        String apiKey = setting(config, "api_key", "CADENZA_API_KEY");
        if (endpoint == null) {
            endpoint = DEFAULT_ENDPOINT;
        }
        if (!endpoint.startsWith("http://") && !endpoint.startsWith("https://")) {
            diagnostics.attributeError("endpoint", "Invalid endpoint",
                    "endpoint must be an http:// or https:// URL of the REST API (got '" + endpoint + "').");
            return;
        }
        if (apiKey == null || apiKey.isBlank()) {
            diagnostics.attributeError("api_key", "Missing API key", "Set api_key in the provider block or the "
                    + "CADENZA_API_KEY environment variable to an API key (cdz_...) with the account admin role.");
            return;
        }
        api = new CadenzaApi(endpoint, apiKey.trim());
    }

    private static String setting(Map<String, Object> config, String attribute, String env) {
        Object v = config == null ? null : config.get(attribute);
        if (v instanceof String s && !s.isBlank()) {
            return s;
        }
        if (Unknown.is(v)) {
            return null;
        }
        String fromEnv = System.getenv(env);
        return fromEnv == null || fromEnv.isBlank() ? null : fromEnv;
    }

    /** The configured API client; resources are only called after ConfigureProvider. */
    CadenzaApi api() {
        CadenzaApi a = api;
        if (a == null) {
            throw new IllegalStateException("The cadenza provider is not configured (no api_key).");
        }
        return a;
    }

    /** StopProvider: Terraform was interrupted; long waits (namespace activation) give up. */
    public void stop() {
        stopping = true;
    }

    boolean stopping() {
        return stopping;
    }

    @Override
    public List<ResourceType> resources() {
        return List.of(new NamespaceResource(this), new SearchAttributeResource(this),
                new ServiceAccountResource(this), new ApiKeyResource(this), new UserResource(this));
    }

    @Override
    public List<DataSourceType> dataSources() {
        return List.of(new NamespaceDataSource(this), new NamespacesDataSource(this));
    }
}
