package io.cadenza.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * What a new tenant does before running workers, through the public REST API of a running Cadenza (the gateway's
 * {@code /api/v1}): sign up, log in as the owner (Keycloak password grant on the {@code cadenza-cli} client), create a
 * namespace, create an API key. The benchmark's workers then use that key and namespace, as a tenant's would.
 */
final class TenantSetup {

    /** A tenant ready to run workers: its namespace id (the SDK's namespace) and an API key. */
    record Tenant(String accountId, String namespace, String cellId, String apiKey) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "bench-owner-password-" + UUID.randomUUID();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String gatewayHttp;
    private final String keycloak;

    TenantSetup(String gatewayHttp, String keycloak) {
        this.gatewayHttp = gatewayHttp;
        this.keycloak = keycloak;
    }

    /**
     * Signs up an account, creates namespace {@code bench} with the given per-namespace limits and an API key of the
     * owner, and waits until the namespace is active.
     */
    Tenant create(long actionsPerSecond, long requestsPerSecond, Duration timeout) throws IOException,
            InterruptedException {
        String unique = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        String email = "owner@" + unique + ".example";
        JsonNode account = call("POST", "/api/v1/signup", null, Map.of("accountName", unique, "adminEmail", email,
                "adminPassword", PASSWORD));
        String accountId = account.hasNonNull("accountId") ? account.get("accountId").asText()
                : account.path("account").path("id").asText();
        String token = ownerToken(email);
        JsonNode namespace = call("POST", "/api/v1/namespaces", token, Map.of("name", "bench", "retentionDays", 1,
                "actionsPerSecond", actionsPerSecond, "requestsPerSecond", requestsPerSecond));
        String id = namespace.path("id").asText();
        Instant deadline = Instant.now().plus(timeout);
        while (!"active".equals(namespace.path("state").asText())) {
            if (Instant.now().isAfter(deadline)) {
                throw new IOException("namespace " + id + " is not active after " + timeout.toSeconds() + " s: "
                        + namespace);
            }
            Thread.sleep(250);
            namespace = call("GET", "/api/v1/namespaces/" + id, token, null);
        }
        JsonNode key = call("POST", "/api/v1/api-keys", token, Map.of("displayName", "benchmark",
                "expiryTime", Instant.now().plus(Duration.ofDays(1)).toString()));
        return new Tenant(accountId, id, namespace.path("cellId").asText(), key.path("token").asText());
    }

    private String ownerToken(String email) throws IOException, InterruptedException {
        String form = "grant_type=password&client_id=cadenza-cli&username=" + encode(email) + "&password="
                + encode(PASSWORD);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(keycloak
                        + "/realms/cadenza/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("owner login failed: " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body()).path("access_token").asText();
    }

    private JsonNode call(String method, String path, String token, Object body) throws IOException,
            InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gatewayHttp + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException(method + " " + path + " failed: " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
