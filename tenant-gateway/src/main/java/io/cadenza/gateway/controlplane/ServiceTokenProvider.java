package io.cadenza.gateway.controlplane;

import io.grpc.Status;
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
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * The gateway's own access token (Keycloak client credentials), fetched on first use, shared by concurrent
 * callers and renewed before it expires (at 80% of its lifetime, at least 10 s early).
 */
public final class ServiceTokenProvider {

    private static final Logger LOG = Logger.getLogger(ServiceTokenProvider.class);

    private record Token(String value, Instant renewAt) {
    }

    private final HttpClient http;
    private final String tokenEndpoint;
    private final String clientId;
    private final String clientSecret;
    private final Duration timeout;
    private final InstantSource clock;
    private final AtomicReference<CompletableFuture<Token>> current = new AtomicReference<>();

    public ServiceTokenProvider(HttpClient http, String tokenEndpoint, String clientId, String clientSecret,
            Duration timeout, InstantSource clock) {
        this.http = http;
        this.tokenEndpoint = tokenEndpoint;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.timeout = timeout;
        this.clock = clock;
    }

    /** A valid access token, or UNAVAILABLE if Keycloak cannot be reached or refuses the gateway. */
    public CompletionStage<String> token() {
        while (true) {
            CompletableFuture<Token> f = current.get();
            if (f != null && (!f.isDone() || (!f.isCompletedExceptionally()
                    && clock.instant().isBefore(f.join().renewAt())))) {
                return f.thenApply(Token::value);
            }
            CompletableFuture<Token> fresh = new CompletableFuture<>();
            if (current.compareAndSet(f, fresh)) {
                fetch().whenComplete((token, error) -> {
                    if (error != null) {
                        current.compareAndSet(fresh, null);
                        fresh.completeExceptionally(error);
                    } else {
                        fresh.complete(token);
                    }
                });
                return fresh.thenApply(Token::value);
            }
        }
    }

    /** Forgets the token (the control plane refused it), so the next call fetches a new one. */
    public void invalidate(String token) {
        CompletableFuture<Token> f = current.get();
        if (f != null && f.isDone() && !f.isCompletedExceptionally() && f.join().value().equals(token)) {
            current.compareAndSet(f, null);
        }
    }

    private CompletionStage<Token> fetch() {
        String form = "grant_type=client_credentials&client_id=" + enc(clientId) + "&client_secret="
                + enc(clientSecret);
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(tokenEndpoint)
                .setTimeout(timeout.toMillis())
                .setHeaders(MultiMap.caseInsensitiveMultiMap()
                        .add("Content-Type", "application/x-www-form-urlencoded")
                        .add("Accept", "application/json"));
        Instant requested = clock.instant();
        return http.request(options)
                // body() attached in send()'s own callback, on the connection's event loop (see ControlPlaneClient)
                .compose(req -> req.send(Buffer.buffer(form)).compose(resp -> resp.body().map(body -> {
                    if (resp.statusCode() != 200) {
                        LOG.warnf("Keycloak refused the gateway's client credentials (HTTP %d) at %s", resp
                                .statusCode(), tokenEndpoint);
                        throw Status.UNAVAILABLE.withDescription("the gateway cannot authenticate to the control "
                                + "plane right now").asRuntimeException();
                    }
                    JsonObject json = body.toJsonObject();
                    long lifetime = json.getLong("expires_in", 60L);
                    long early = Math.max(10, lifetime / 5);
                    return new Token(json.getString("access_token"),
                            requested.plusSeconds(Math.max(0, lifetime - early)));
                })))
                .toCompletionStage()
                .exceptionally(failure -> {
                    Throwable error = failure instanceof java.util.concurrent.CompletionException
                            && failure.getCause() != null ? failure.getCause() : failure;
                    if (error instanceof io.grpc.StatusRuntimeException sre) {
                        throw sre;
                    }
                    LOG.warnf("cannot reach Keycloak at %s: %s", tokenEndpoint, error.toString());
                    throw Status.UNAVAILABLE.withDescription("authentication is unavailable right now (identity "
                            + "provider unreachable); retry shortly").asRuntimeException();
                });
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
