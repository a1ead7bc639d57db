package io.cadenza.gateway.controlplane;

import io.cadenza.gateway.auth.AuthOutcome;
import io.cadenza.gateway.auth.Principal;
import io.cadenza.gateway.authz.Permission;
import io.cadenza.gateway.routing.NamespaceDirectory;
import io.cadenza.gateway.routing.NamespaceRoute;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jboss.logging.Logger;

/**
 * The control plane's internal API (docs/tenancy.md): {@code POST /internal/v1/authenticate} and
 * {@code GET /internal/v1/namespaces/{id}}, called with the gateway's own client-credentials token.
 *
 * <p>A 401 means "the tenant's token is refused" only when it carries a problem JSON body and no
 * {@code WWW-Authenticate} challenge; a challenge means the control plane refused the <em>gateway's</em> token, which
 * is renewed and the call retried once. Anything else unexpected (unreachable, 5xx, 403) is UNAVAILABLE, never
 * UNAUTHENTICATED, so an outage does not look like a bad key.
 */
public final class ControlPlaneClient implements NamespaceDirectory {

    private static final Logger LOG = Logger.getLogger(ControlPlaneClient.class);

    private record Reply(int status, MultiMap headers, Buffer body) {
    }

    private final HttpClient http;
    private final String baseUrl;
    private final ServiceTokenProvider tokens;
    private final Duration timeout;

    public ControlPlaneClient(HttpClient http, String baseUrl, ServiceTokenProvider tokens, Duration timeout) {
        this.http = http;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.tokens = tokens;
        this.timeout = timeout;
    }

    /** Resolves a tenant token; never throws UNAUTHENTICATED itself (a refusal is an {@link AuthOutcome}). */
    public CompletionStage<AuthOutcome> authenticate(String tenantToken) {
        Buffer body = new JsonObject().put("token", tenantToken).toBuffer();
        return call(HttpMethod.POST, "/internal/v1/authenticate", body, true).thenApply(reply -> {
            if (reply.status() == 200) {
                return new AuthOutcome.Accepted(principal(reply.body().toJsonObject()));
            }
            if (reply.status() == 401) {
                return new AuthOutcome.Refused(detail(reply.body(), "token refused"));
            }
            throw unexpected("authenticate", reply);
        });
    }

    @Override
    public CompletionStage<Optional<NamespaceRoute>> lookup(String namespaceId) {
        String path = "/internal/v1/namespaces/" + URLEncoder.encode(namespaceId, StandardCharsets.UTF_8)
                .replace("+", "%20");
        return call(HttpMethod.GET, path, null, false).thenApply(reply -> {
            if (reply.status() == 404) {
                return Optional.empty();
            }
            if (reply.status() != 200) {
                throw unexpected("namespace lookup", reply);
            }
            JsonObject json = reply.body().toJsonObject();
            return Optional.of(new NamespaceRoute(json.getString("id"), json.getString("accountId"),
                    json.getString("cellId"), json.getString("cellEndpoint"),
                    NamespaceRoute.State.parse(json.getString("state")),
                    json.getLong("actionsPerSecond", 0L), json.getLong("requestsPerSecond", 0L),
                    json.getString("cellHttpEndpoint")));
        });
    }

    static Principal principal(JsonObject json) {
        Map<String, Permission> namespaces = new HashMap<>();
        JsonObject ns = json.getJsonObject("namespaces", new JsonObject());
        for (String id : ns.fieldNames()) {
            namespaces.put(id, Permission.parse(ns.getString(id)));
        }
        String validUntil = json.getString("validUntil");
        java.util.List<String> groups = new java.util.ArrayList<>();
        json.getJsonArray("groups", new io.vertx.core.json.JsonArray()).forEach(g -> groups.add(String.valueOf(g)));
        return new Principal(json.getString("principalType"), json.getString("principalId"),
                json.getString("displayName"), json.getString("accountId"), json.getString("accountRole"),
                namespaces, validUntil == null ? null : Instant.parse(validUntil), json.getString("username"),
                groups);
    }

    private CompletionStage<Reply> call(HttpMethod method, String path, Buffer body, boolean tenantTokenCall) {
        return tokens.token().thenCompose(token -> send(method, path, body, token)
                .thenCompose(reply -> {
                    if (reply.status() == 401 && !isTenantRefusal(reply, tenantTokenCall)) {
                        LOG.warnf("control plane refused the gateway's token on %s; renewing it", path);
                        tokens.invalidate(token);
                        return tokens.token().thenCompose(renewed -> send(method, path, body, renewed));
                    }
                    return CompletableFuture.completedFuture(reply);
                }))
                .thenApply(reply -> {
                    if (reply.status() == 401 && !isTenantRefusal(reply, tenantTokenCall)) {
                        LOG.warnf("control plane refuses the gateway's credentials (HTTP 401 on %s)", path);
                        throw Status.UNAVAILABLE.withDescription("the gateway cannot authenticate to the control "
                                + "plane right now").asRuntimeException();
                    }
                    return reply;
                });
    }

    private static boolean isTenantRefusal(Reply reply, boolean tenantTokenCall) {
        String contentType = reply.headers().get("Content-Type");
        return tenantTokenCall && reply.headers().get("WWW-Authenticate") == null
                && contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).contains("json");
    }

    private CompletionStage<Reply> send(HttpMethod method, String path, Buffer body, String token) {
        RequestOptions options = new RequestOptions().setMethod(method).setAbsoluteURI(baseUrl + path)
                .setTimeout(timeout.toMillis())
                .setHeaders(MultiMap.caseInsensitiveMultiMap()
                        .add("Authorization", "Bearer " + token)
                        .add("Accept", "application/json, application/problem+json"));
        if (body != null) {
            options.addHeader("Content-Type", "application/json");
        }
        // The body handler is attached in the callback of send() itself, which runs on the connection's event loop
        // as the response head arrives: attached one future later (from a caller's thread, e.g. a gRPC executor) the
        // body could already have gone by and read as empty.
        Future<Reply> response = http.request(options)
                .compose(req -> (body == null ? req.send() : req.send(body))
                        .compose(resp -> resp.body().map(b -> new Reply(resp.statusCode(), resp.headers(), b))));
        return response
                .toCompletionStage()
                .exceptionally(error -> {
                    LOG.warnf("control plane %s unreachable: %s", baseUrl, error.toString());
                    throw Status.UNAVAILABLE.withDescription("the control plane is unavailable right now; retry "
                            + "shortly").asRuntimeException();
                });
    }

    private static StatusRuntimeException unexpected(String what, Reply reply) {
        LOG.warnf("control plane %s answered HTTP %d: %s", what, reply.status(), detail(reply.body(), ""));
        return Status.UNAVAILABLE.withDescription("the control plane cannot answer right now (" + what
                + "); retry shortly").asRuntimeException();
    }

    static String detail(Buffer body, String fallback) {
        try {
            JsonObject problem = body.toJsonObject();
            String detail = problem.getString("detail");
            if (detail != null && !detail.isBlank()) {
                return detail;
            }
            String title = problem.getString("title");
            return title != null && !title.isBlank() ? title : fallback;
        } catch (RuntimeException e) {
            return fallback;
        }
    }
}
