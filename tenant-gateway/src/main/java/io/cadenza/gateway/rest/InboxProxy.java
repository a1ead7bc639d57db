package io.cadenza.gateway.rest;

import io.cadenza.gateway.GatewayLifecycle;
import io.cadenza.gateway.auth.Principal;
import io.cadenza.gateway.authz.Permission;
import io.cadenza.gateway.grpc.CallAdmitter;
import io.cadenza.gateway.routing.NamespaceRoute;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The approval inbox through the gateway: {@code /api/v1/namespaces/{namespace}/tasks...} is served by the
 * namespace's cell (docs/tenancy.md). The gateway authenticates the caller exactly as for gRPC (API key or Keycloak
 * token, cached), requires the namespace to be one the caller can use (anything else is a 404, whether or not it
 * exists), applies the namespace's request limit, and forwards the request to the cell's HTTP API with the trusted
 * identity headers the cell acts on. Headers a caller sends under those names are dropped.
 */
@ApplicationScoped
public class InboxProxy {

    private static final Logger LOG = Logger.getLogger(InboxProxy.class);

    static final String PATH_REGEX = "/api/v1/namespaces/([^/]+)/tasks(/.*)?";

    @Inject
    GatewayLifecycle lifecycle;

    @Inject
    Vertx vertx;

    private HttpClient client;

    void routes(@Observes Router router) {
        client = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(64).setIdleTimeout(60));
        router.routeWithRegex(PATH_REGEX).order(-20).handler(this::proxy);
    }

    private void proxy(RoutingContext ctx) {
        HttpServerRequest in = ctx.request();
        in.pause();
        Context context = Vertx.currentContext();
        String namespace = URLDecoder.decode(ctx.pathParam("param0"), StandardCharsets.UTF_8);
        GatewayLifecycle.Core core = lifecycle.core();
        if (core == null) {
            Problem.send(ctx.response(), 503, "Service Unavailable", "the gateway is starting; retry shortly",
                    in.path());
            return;
        }
        authenticate(core, in.getHeader("Authorization"), namespace)
                .thenCompose(principal -> admit(core, principal, namespace, in.method()))
                .whenComplete((admitted, error) -> context.runOnContext(v -> {
                    if (error != null) {
                        refuse(ctx, unwrap(error));
                    } else {
                        forward(ctx, admitted, core);
                    }
                }));
    }

    private record Admitted(Principal principal, Permission permission, NamespaceRoute route) {
    }

    private static CompletionStage<Principal> authenticate(GatewayLifecycle.Core core, String authorization,
                                                           String namespace) {
        if (authorization == null) {
            if (core.settings().devMode() && CallAdmitter.DEV_NAMESPACE.equals(namespace)) {
                return CompletableFuture.completedFuture(CallAdmitter.DEV_PRINCIPAL);
            }
            return CompletableFuture.failedFuture(Status.UNAUTHENTICATED.withDescription(
                    "missing authorization: send 'Authorization: Bearer <API key or token>'").asRuntimeException());
        }
        String token = CallAdmitter.bearerToken(authorization);
        if (token == null) {
            return CompletableFuture.failedFuture(Status.UNAUTHENTICATED.withDescription(
                    "malformed authorization: expected 'Bearer <API key or token>'").asRuntimeException());
        }
        try {
            return core.authenticator().authenticate(token);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static CompletionStage<Admitted> admit(GatewayLifecycle.Core core, Principal principal,
                                                   String namespace, HttpMethod method) {
        Permission permission = principal.namespaces().get(namespace);
        if (permission == null) {
            return CompletableFuture.failedFuture(Status.NOT_FOUND.withDescription(
                    "namespace '" + namespace + "' not found").asRuntimeException());
        }
        return core.directory().lookup(namespace).thenApply(found -> {
            NamespaceRoute route = found.orElseThrow(() -> Status.NOT_FOUND
                    .withDescription("namespace '" + namespace + "' not found").asRuntimeException());
            if (route.state() != NamespaceRoute.State.ACTIVE) {
                throw Status.UNAVAILABLE.withDescription("namespace '" + namespace + "' is "
                        + route.state().name().toLowerCase(Locale.ROOT)).asRuntimeException();
            }
            boolean action = method != HttpMethod.GET && method != HttpMethod.HEAD;
            core.limiter().acquire(namespace, route.actionsPerSecond(), route.requestsPerSecond(), action)
                    .ifPresent(e -> {
                        throw e;
                    });
            return new Admitted(principal, permission, route);
        });
    }

    private void forward(RoutingContext ctx, Admitted admitted, GatewayLifecycle.Core core) {
        HttpServerRequest in = ctx.request();
        String endpoint = admitted.route().httpEndpoint();
        int colon = endpoint.lastIndexOf(':');
        // The caller's credentials and any trusted header it tried to set stay here; the cell acts on these.
        MultiMap headers = HttpForwarding.requestHeaders(in,
                name -> name.equals("authorization") || name.startsWith("cadenza-"));
        core.settings().internalToken().ifPresent(t -> headers.set("Cadenza-Internal-Token", t));
        Principal principal = admitted.principal();
        headers.set("Cadenza-User", principal.username());
        headers.set("Cadenza-Groups", principal.groups().stream()
                .map(g -> URLEncoder.encode(g, StandardCharsets.UTF_8)).collect(Collectors.joining(",")));
        headers.set("Cadenza-Namespace-Role", admitted.permission().wireName());
        headers.set("Cadenza-Principal", principal.headerValue());
        RequestOptions options = new RequestOptions().setMethod(in.method())
                .setHost(endpoint.substring(0, colon)).setPort(Integer.parseInt(endpoint.substring(colon + 1)))
                .setURI(in.uri()).setHeaders(headers);
        HttpForwarding.forward(ctx, client, options, error -> cellUnreachable(ctx, admitted, error));
    }

    private static void cellUnreachable(RoutingContext ctx, Admitted admitted, Throwable error) {
        LOG.warnf("inbox: cell %s unreachable for %s %s: %s", admitted.route().cellId(), ctx.request().method(),
                ctx.request().path(), error.toString());
        if (!ctx.response().headWritten()) {
            Problem.send(ctx.response(), 502, "Bad Gateway", "the namespace's cell is unavailable right now; "
                    + "retry shortly", ctx.request().path());
        }
    }

    private static void refuse(RoutingContext ctx, Throwable error) {
        ctx.request().resume();
        String path = ctx.request().path();
        if (error instanceof StatusRuntimeException e) {
            String detail = Optional.ofNullable(e.getStatus().getDescription()).orElse(e.getStatus().toString());
            switch (e.getStatus().getCode()) {
                case UNAUTHENTICATED -> {
                    Problem.send(ctx.response(), 401, "Unauthorized", detail, path);
                    return;
                }
                case NOT_FOUND, PERMISSION_DENIED -> {
                    Problem.send(ctx.response(), 404, "Not Found", detail, path);
                    return;
                }
                case RESOURCE_EXHAUSTED -> {
                    Problem.send(ctx.response(), 429, "Too Many Requests", detail, path);
                    return;
                }
                case UNAVAILABLE -> {
                    Problem.send(ctx.response(), 503, "Service Unavailable", detail, path);
                    return;
                }
                default -> {
                }
            }
        }
        LOG.warnf(error, "inbox: unexpected failure for %s", path);
        Problem.send(ctx.response(), 500, "Internal Server Error", "the gateway could not handle this request", path);
    }

    private static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
