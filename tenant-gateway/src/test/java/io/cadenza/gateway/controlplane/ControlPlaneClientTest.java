package io.cadenza.gateway.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cadenza.gateway.auth.AuthOutcome;
import io.cadenza.gateway.authz.Permission;
import io.cadenza.gateway.routing.NamespaceRoute;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The internal-API client against a small HTTP stand-in for Keycloak and the control plane. */
class ControlPlaneClientTest {

    Vertx vertx;
    HttpServer server;
    HttpClient http;
    ControlPlaneClient client;
    final AtomicInteger tokensIssued = new AtomicInteger();
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    volatile boolean refuseFirstGatewayToken;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
            String path = req.path();
            if (path.equals("/realms/cadenza/protocol/openid-connect/token")) {
                assertThat(body.toString()).contains("grant_type=client_credentials", "client_id=cadenza-gateway");
                req.response().putHeader("Content-Type", "application/json").end(new JsonObject()
                        .put("access_token", "gw-" + tokensIssued.incrementAndGet()).put("expires_in", 300).encode());
                return;
            }
            String auth = req.getHeader("Authorization");
            authorizations.add(auth);
            if (refuseFirstGatewayToken && "Bearer gw-1".equals(auth)) {
                req.response().setStatusCode(401).putHeader("WWW-Authenticate", "Bearer").end();
                return;
            }
            if (path.equals("/internal/v1/authenticate")) {
                String token = body.toJsonObject().getString("token");
                if (token.equals("cdz_good")) {
                    req.response().putHeader("Content-Type", "application/json").end(new JsonObject()
                            .put("principalType", "service-account").put("principalId", "sa-1")
                            .put("displayName", "ci").put("accountId", "acme").put("accountRole", "developer")
                            .put("namespaces", new JsonObject().put("orders.acme", "write"))
                            .put("validUntil", "2030-01-01T00:00:00Z").encode());
                } else {
                    req.response().setStatusCode(401).putHeader("Content-Type", "application/problem+json")
                            .end(new JsonObject().put("title", "Unauthorized").put("status", 401)
                                    .put("detail", "API key disabled").encode());
                }
            } else if (path.equals("/internal/v1/namespaces/orders.acme")) {
                req.response().putHeader("Content-Type", "application/json").end(new JsonObject()
                        .put("id", "orders.acme").put("accountId", "acme").put("cellId", "cell-1")
                        .put("cellEndpoint", "127.0.0.1:7301").put("state", "active").put("actionsPerSecond", 50)
                        .put("requestsPerSecond", 200).encode());
            } else if (path.equals("/internal/v1/namespaces/broken.acme")) {
                req.response().setStatusCode(500).end();
            } else {
                req.response().setStatusCode(404).end();
            }
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        http = vertx.createHttpClient();
        client = client("http://127.0.0.1:" + server.actualPort());
    }

    private ControlPlaneClient client(String baseUrl) {
        String base = "http://127.0.0.1:" + server.actualPort();
        ServiceTokenProvider tokens = new ServiceTokenProvider(http,
                base + "/realms/cadenza/protocol/openid-connect/token", "cadenza-gateway", "secret",
                Duration.ofSeconds(2), InstantSource.system());
        return new ControlPlaneClient(http, baseUrl, tokens, Duration.ofSeconds(2));
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void resolves_a_token_with_the_gateways_own_bearer_token() throws Exception {
        AuthOutcome outcome = client.authenticate("cdz_good").toCompletableFuture().get(5, TimeUnit.SECONDS);

        assertThat(outcome).isInstanceOfSatisfying(AuthOutcome.Accepted.class, a -> {
            assertThat(a.principal().headerValue()).isEqualTo("service-account:sa-1");
            assertThat(a.principal().namespaces()).containsEntry("orders.acme", Permission.WRITE);
        });
        assertThat(authorizations).containsExactly("Bearer gw-1");
        client.authenticate("cdz_good").toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(tokensIssued).hasValue(1);
    }

    @Test
    void a_refused_token_carries_the_control_planes_reason() throws Exception {
        AuthOutcome outcome = client.authenticate("cdz_bad").toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(outcome).isEqualTo(new AuthOutcome.Refused("API key disabled"));
    }

    @Test
    void a_refused_gateway_token_is_renewed_and_the_call_retried() throws Exception {
        refuseFirstGatewayToken = true;
        AuthOutcome outcome = client.authenticate("cdz_good").toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(outcome).isInstanceOf(AuthOutcome.Accepted.class);
        assertThat(authorizations).containsExactly("Bearer gw-1", "Bearer gw-2");
    }

    @Test
    void namespace_lookup_found_missing_and_broken() throws Exception {
        assertThat(client.lookup("orders.acme").toCompletableFuture().get(5, TimeUnit.SECONDS)).contains(
                new NamespaceRoute("orders.acme", "acme", "cell-1", "127.0.0.1:7301", NamespaceRoute.State.ACTIVE,
                        50, 200));
        assertThat(client.lookup("nope.acme").toCompletableFuture().get(5, TimeUnit.SECONDS)).isEmpty();
        assertUnavailable(() -> client.lookup("broken.acme").toCompletableFuture().join());
    }

    @Test
    void an_unreachable_control_plane_is_unavailable_not_unauthenticated() {
        ControlPlaneClient down = client("http://127.0.0.1:1");
        assertUnavailable(() -> down.authenticate("cdz_good").toCompletableFuture().join());
    }

    private static void assertUnavailable(Runnable r) {
        assertThatThrownBy(r::run).hasCauseInstanceOf(StatusRuntimeException.class).satisfies(e -> assertThat(
                ((StatusRuntimeException) e.getCause()).getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
    }
}
