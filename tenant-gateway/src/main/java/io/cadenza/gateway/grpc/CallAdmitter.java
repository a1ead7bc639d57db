package io.cadenza.gateway.grpc;

import static io.cadenza.gateway.telemetry.GatewayTelemetry.SPAN_AUTHENTICATE;
import static io.cadenza.gateway.telemetry.GatewayTelemetry.SPAN_AUTHORIZE;
import static io.cadenza.gateway.telemetry.GatewayTelemetry.SPAN_ROUTE;

import io.cadenza.gateway.auth.Authenticator;
import io.cadenza.gateway.auth.Principal;
import io.cadenza.gateway.authz.Permission;
import io.cadenza.gateway.authz.RequestInspector;
import io.cadenza.gateway.authz.RpcPolicy;
import io.cadenza.gateway.ratelimit.NamespaceRateLimiter;
import io.cadenza.gateway.routing.NamespaceDirectory;
import io.cadenza.gateway.routing.NamespaceRoute;
import io.cadenza.gateway.telemetry.GatewayTelemetry;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Decides whether a call may go through and where: authenticate, authorize against the namespace, look up the
 * namespace's cell, apply its rate limits. Every refusal is a {@link StatusRuntimeException} whose description says
 * what is wrong without revealing anything about namespaces the caller cannot use.
 */
public final class CallAdmitter {

    /** The namespace unauthenticated callers may use in dev mode. */
    public static final String DEV_NAMESPACE = "default";
    public static final Principal DEV_PRINCIPAL = new Principal("dev", "anonymous", "unauthenticated dev caller", "dev",
            "owner", Map.of(DEV_NAMESPACE, Permission.ADMIN), null);

    static final String MISSING_AUTHORIZATION =
            "missing authorization: send 'authorization: Bearer <API key or token>'";
    static final String NAMESPACES_MANAGED = "namespaces are managed through the control plane: POST /api/v1/namespaces";

    private final Authenticator authenticator;
    private final NamespaceDirectory directory;
    private final NamespaceRateLimiter limiter;
    private final RequestInspector inspector;
    private final GatewayTelemetry telemetry;
    private final GatewaySettings settings;
    private final Executor executor;

    CallAdmitter(Authenticator authenticator, NamespaceDirectory directory, NamespaceRateLimiter limiter,
            RequestInspector inspector, GatewayTelemetry telemetry, GatewaySettings settings, Executor executor) {
        this.authenticator = authenticator;
        this.directory = directory;
        this.limiter = limiter;
        this.inspector = inspector;
        this.telemetry = telemetry;
        this.settings = settings;
        this.executor = executor;
    }

    /** Admits a call that names a namespace (RpcPolicy.Kind.NAMESPACED). */
    CompletionStage<Admission> admitNamespaced(String method, RpcPolicy policy, Metadata headers, byte[] body,
            Context call) {
        String namespace;
        try {
            RequestInspector.Inspected inspected = inspector.inspect(method, body);
            namespace = inspected.namespace();
            String headerNamespace = headers.get(ForwardedMetadata.TEMPORAL_NAMESPACE);
            if (headerNamespace != null && !headerNamespace.isEmpty() && !headerNamespace.equals(namespace)) {
                throw Status.PERMISSION_DENIED.withDescription("temporal-namespace header '" + headerNamespace
                        + "' does not match the request's namespace '" + namespace + "'").asRuntimeException();
            }
            if (namespace.isEmpty()) {
                throw Status.INVALID_ARGUMENT.withDescription("request has no namespace: set its 'namespace' field")
                        .asRuntimeException();
            }
            inspected.requireNoForeignNamespace();
        } catch (StatusRuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return authenticate(method, headers, namespace, call)
                .thenApply(principal -> authorize(method, policy, principal, namespace, call))
                .thenCompose(principal -> route(method, policy, principal, namespace, headers, call, true));
    }

    /** Admits GetSystemInfo / GetClusterInfo: any authenticated caller, answered by one of its namespaces' cells. */
    CompletionStage<Admission> admitClusterInfo(String method, RpcPolicy policy, Metadata headers, Context call) {
        String headerNamespace = Optional.ofNullable(headers.get(ForwardedMetadata.TEMPORAL_NAMESPACE)).orElse("");
        return authenticate(method, headers, DEV_NAMESPACE, call).thenCompose(principal -> {
            String namespace = principal.namespaces().containsKey(headerNamespace) ? headerNamespace
                    : new TreeMap<>(principal.namespaces()).keySet().stream().findFirst().orElse("");
            if (!namespace.isEmpty()) {
                return route(method, policy, principal, namespace, headers, call, false);
            }
            if (settings.fallbackCellEndpoint().isPresent()) {
                Span span = telemetry.startStep(call, SPAN_ROUTE, method);
                String endpoint = settings.fallbackCellEndpoint().get();
                span.setAttribute("cadenza.cell", endpoint);
                return CompletableFuture.completedFuture(new Admission(principal, "", endpoint, endpoint,
                        ForwardedMetadata.build(headers, principal, settings.internalToken(), call.with(span)),
                        span));
            }
            throw Status.PERMISSION_DENIED.withDescription("API key/identity " + principal.describe()
                    + " has no namespaces; " + shortName(method) + " needs access to at least one")
                    .asRuntimeException();
        });
    }

    /** Authenticates callers of ListNamespaces and of refused RPCs (unauthenticated callers get UNAUTHENTICATED). */
    CompletionStage<Principal> authenticateOnly(String method, Metadata headers, Context call) {
        return authenticate(method, headers, DEV_NAMESPACE, call);
    }

    /** The refusal for RPCs tenants may never call. */
    static StatusRuntimeException refusal(String method, RpcPolicy policy) {
        if (policy.kind() == RpcPolicy.Kind.MANAGED_BY_CONTROL_PLANE) {
            return Status.PERMISSION_DENIED.withDescription(NAMESPACES_MANAGED).asRuntimeException();
        }
        return Status.PERMISSION_DENIED.withDescription(shortName(method)
                + " is a cluster-wide operation and is not available to tenants").asRuntimeException();
    }

    private CompletionStage<Principal> authenticate(String method, Metadata headers, String namespace,
            Context call) {
        Span span = telemetry.startStep(call, SPAN_AUTHENTICATE, method);
        CompletionStage<Principal> result;
        String authorization = headers.get(ForwardedMetadata.AUTHORIZATION);
        if (authorization == null) {
            if (settings.devMode() && DEV_NAMESPACE.equals(namespace)) {
                span.setAttribute("cadenza.principal", DEV_PRINCIPAL.headerValue());
                result = CompletableFuture.completedFuture(DEV_PRINCIPAL);
            } else {
                result = CompletableFuture.failedFuture(
                        Status.UNAUTHENTICATED.withDescription(MISSING_AUTHORIZATION).asRuntimeException());
            }
        } else {
            String token = bearerToken(authorization);
            if (token == null) {
                result = CompletableFuture.failedFuture(Status.UNAUTHENTICATED.withDescription(
                        "malformed authorization: expected 'Bearer <API key or token>'").asRuntimeException());
            } else {
                try {
                    result = authenticator.authenticate(token);
                } catch (RuntimeException e) {
                    result = CompletableFuture.failedFuture(e);
                }
            }
        }
        return continueHere(result).whenComplete((principal, error) -> {
            if (principal != null) {
                span.setAttribute("cadenza.principal", principal.headerValue());
            }
            GatewayTelemetry.end(span, unwrap(error));
        });
    }

    private Principal authorize(String method, RpcPolicy policy, Principal principal, String namespace,
            Context call) {
        Span span = telemetry.startStep(call, SPAN_AUTHORIZE, method);
        span.setAttribute("cadenza.namespace", namespace);
        try {
            Permission granted = principal.namespaces().get(namespace);
            if (granted == null) {
                throw Status.PERMISSION_DENIED.withDescription("API key/identity " + principal.describe()
                        + " has no access to namespace '" + namespace + "'").asRuntimeException();
            }
            if (!granted.allows(policy.permission())) {
                throw Status.PERMISSION_DENIED.withDescription("API key/identity " + principal.describe() + " has "
                        + granted.wireName() + " access to namespace '" + namespace + "'; " + shortName(method)
                        + " needs " + policy.permission().wireName()).asRuntimeException();
            }
            GatewayTelemetry.end(span, null);
            return principal;
        } catch (StatusRuntimeException e) {
            GatewayTelemetry.end(span, e);
            throw e;
        }
    }

    private CompletionStage<Admission> route(String method, RpcPolicy policy, Principal principal,
            String namespace, Metadata headers, Context call, boolean requireActive) {
        Span span = telemetry.startStep(call, SPAN_ROUTE, method);
        span.setAttribute("cadenza.namespace", namespace);
        CompletionStage<Optional<NamespaceRoute>> lookup;
        try {
            lookup = directory.lookup(namespace);
        } catch (RuntimeException e) {
            lookup = CompletableFuture.failedFuture(e);
        }
        return continueHere(lookup).thenApply(found -> {
            NamespaceRoute route = found.orElseThrow(() -> Status.NOT_FOUND
                    .withDescription("namespace '" + namespace + "' does not exist").asRuntimeException());
            span.setAttribute("cadenza.cell", route.cellId());
            if (requireActive && route.state() == NamespaceRoute.State.PROVISIONING) {
                throw Status.UNAVAILABLE.withDescription("namespace '" + namespace
                        + "' is being provisioned; retry shortly").asRuntimeException();
            }
            if (requireActive && route.state() == NamespaceRoute.State.DELETING) {
                throw Status.FAILED_PRECONDITION.withDescription("namespace '" + namespace + "' is being deleted")
                        .asRuntimeException();
            }
            limiter.acquire(namespace, route.actionsPerSecond(), route.requestsPerSecond(), policy.action())
                    .ifPresent(e -> {
                        throw e;
                    });
            return new Admission(principal, namespace, route.cellId(), route.cellEndpoint(),
                    ForwardedMetadata.build(headers, principal, settings.internalToken(), call.with(span)), span);
        }).whenComplete((admission, error) -> {
            if (error != null) {
                GatewayTelemetry.end(span, unwrap(error));
            }
        });
    }

    /**
     * A stage that continues on the calling thread when the answer is already there (a cached authentication or
     * route: nearly every call), and otherwise on the gateway's executor, never on the thread that completes the
     * lookup (a Vert.x event loop of the control-plane client). Each thread hand-off costs a wake-up; a call used to
     * make several.
     */
    private <T> CompletionStage<T> continueHere(CompletionStage<T> stage) {
        return stage.toCompletableFuture().isDone() ? stage : stage.whenCompleteAsync((v, e) -> { }, executor);
    }

    public static String bearerToken(String authorization) {
        String value = authorization.strip();
        if (value.length() < 7 || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = value.substring(7).strip();
        return token.isEmpty() ? null : token;
    }

    static String shortName(String fullMethodName) {
        return fullMethodName.substring(fullMethodName.lastIndexOf('/') + 1);
    }

    static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
