package io.cadenza.billing.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cadenza.billing.config.BillingConfig;
import io.cadenza.billing.config.BillingClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Billing's calls to the control plane's internal API ({@code docs/tenancy.md}) with its own client-credentials token
 * (Keycloak client {@code cadenza-billing}, realm role {@code cadenza-internal}), renewed at 80% of its lifetime.
 */
@ApplicationScoped
public class ControlPlaneClient {
    private static final Logger LOG = Logger.getLogger(ControlPlaneClient.class);

    /** The control plane refused the tenant's token; {@code detail} says why. */
    public static final class Refused extends RuntimeException {
        public Refused(String detail) {
            super(detail, null, false, false);
        }
    }

    /** The control plane or Keycloak could not be reached or answered unexpectedly. */
    public static final class Unavailable extends RuntimeException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private record Token(String value, Instant renewAt) {
    }

    @Inject
    BillingConfig config;
    @Inject
    BillingClock clock;
    @Inject
    ObjectMapper json;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final AtomicReference<CompletableFuture<Token>> token = new AtomicReference<>();

    public boolean configured() {
        return config.controlPlane().url().isPresent();
    }

    /** Resolves a tenant's bearer token (API key or Keycloak JWT); fails with {@link Refused} or {@link Unavailable}. */
    public CompletableFuture<Principal> authenticate(String bearer) {
        String body;
        try {
            body = json.writeValueAsString(java.util.Map.of("token", bearer));
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
        return call("POST", "/internal/v1/authenticate", body, true).thenApply(resp -> {
            JsonNode node = read(resp.body());
            if (resp.statusCode() == 401 && resp.headers().firstValue("WWW-Authenticate").isEmpty()) {
                throw new Refused(node.path("detail").asText("The token was refused."));
            }
            if (resp.statusCode() != 200) {
                throw new Unavailable("the control plane answered " + resp.statusCode() + " to authenticate", null);
            }
            return new Principal(node.path("principalType").asText(), node.path("principalId").asText(),
                    node.path("displayName").asText(null), node.path("accountId").asText(null),
                    node.path("accountRole").asText(null),
                    node.hasNonNull("validUntil") ? Instant.parse(node.get("validUntil").asText()) : null);
        });
    }

    /** The account owning a namespace, or empty when the control plane does not know it (404). */
    public CompletableFuture<Optional<String>> namespaceAccount(String namespaceId) {
        String path = "/internal/v1/namespaces/" + URLEncoder.encode(namespaceId, StandardCharsets.UTF_8)
                .replace("+", "%20");
        return call("GET", path, null, true).thenApply(resp -> {
            if (resp.statusCode() == 404) {
                return Optional.<String>empty();
            }
            if (resp.statusCode() != 200) {
                throw new Unavailable("the control plane answered " + resp.statusCode() + " for namespace "
                        + namespaceId, null);
            }
            return Optional.ofNullable(read(resp.body()).path("accountId").asText(null));
        });
    }

    private CompletableFuture<HttpResponse<String>> call(String method, String path, String body, boolean retry) {
        String base = config.controlPlane().url()
                .orElseThrow(() -> new Unavailable("cadenza.billing.control-plane.url is not configured", null))
                .replaceAll("/+$", "");
        return serviceToken().thenCompose(t -> {
            HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(config.controlPlane().timeout())
                    .header("Authorization", "Bearer " + t.value())
                    .header("Accept", "application/json");
            req = body == null ? req.GET() : req.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
            return http.sendAsync(req.build(), HttpResponse.BodyHandlers.ofString()).thenCompose(resp -> {
                // A 401 with a challenge refuses billing's own token: renew it once.
                if (resp.statusCode() == 401 && resp.headers().firstValue("WWW-Authenticate").isPresent() && retry) {
                    token.compareAndSet(token.get(), null);
                    return call(method, path, body, false);
                }
                return CompletableFuture.completedFuture(resp);
            });
        }).exceptionally(e -> {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof RuntimeException re && (re instanceof Refused || re instanceof Unavailable)) {
                throw re;
            }
            throw new Unavailable("cannot reach the control plane at " + base + ": " + cause, cause);
        });
    }

    private CompletableFuture<Token> serviceToken() {
        while (true) {
            CompletableFuture<Token> current = token.get();
            if (current != null && (!current.isDone() || (!current.isCompletedExceptionally()
                    && clock.instant().isBefore(current.join().renewAt())))) {
                return current;
            }
            CompletableFuture<Token> fresh = new CompletableFuture<>();
            if (token.compareAndSet(current, fresh)) {
                fetchToken().whenComplete((t, error) -> {
                    if (error != null) {
                        token.compareAndSet(fresh, null);
                        fresh.completeExceptionally(error);
                    } else {
                        fresh.complete(t);
                    }
                });
                return fresh;
            }
        }
    }

    private CompletableFuture<Token> fetchToken() {
        BillingConfig.ControlPlane cp = config.controlPlane();
        String form = "grant_type=client_credentials&client_id=" + enc(cp.clientId()) + "&client_secret="
                + enc(cp.clientSecret());
        Instant requested = clock.instant();
        HttpRequest req = HttpRequest.newBuilder(URI.create(cp.tokenUrl())).timeout(cp.timeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        return http.sendAsync(req, HttpResponse.BodyHandlers.ofString()).thenApply(resp -> {
            if (resp.statusCode() != 200) {
                LOG.warnf("Keycloak refused billing's client credentials (HTTP %d) at %s", resp.statusCode(),
                        cp.tokenUrl());
                throw new Unavailable("billing cannot authenticate to the control plane (Keycloak answered "
                        + resp.statusCode() + ")", null);
            }
            JsonNode node = read(resp.body());
            long lifetime = node.path("expires_in").asLong(60);
            return new Token(node.path("access_token").asText(), requested.plusSeconds(lifetime * 4 / 5));
        });
    }

    private JsonNode read(String body) {
        try {
            return json.readTree(body == null || body.isEmpty() ? "{}" : body);
        } catch (Exception e) {
            throw new Unavailable("the control plane answered something that is not JSON", e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
