package io.cadenza.gateway.rest;

import io.cadenza.gateway.config.GatewayConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import org.jboss.logging.Logger;

/**
 * The public REST API through the gateway: {@code /api/v1/*} is forwarded to the control plane with method, path,
 * query, headers, body and status preserved (streamed both ways, nothing buffered), plus X-Forwarded-* headers;
 * usage, invoices and the billing plan ({@code /api/v1/usage}, {@code /api/v1/invoices...},
 * {@code /api/v1/billing/...}) go the same way to the billing service. {@code /internal/*} is never forwarded. An
 * unreachable upstream is a 502 problem JSON.
 */
@ApplicationScoped
public class RestProxy {

    private static final Logger LOG = Logger.getLogger(RestProxy.class);

    @Inject
    GatewayConfig config;

    @Inject
    Vertx vertx;

    /** One service the REST API is forwarded to. */
    private record Upstream(String name, URI uri, HttpClient client) {
    }

    void routes(@Observes Router router) {
        Upstream controlPlane = upstream("control plane", config.gateway().controlPlaneUrl());
        Upstream billing = upstream("billing service", config.gateway().billingUrl());
        // Billing's paths are matched first (lower order); everything else under /api/v1 is the control plane's.
        for (String path : new String[] {"/api/v1/usage", "/api/v1/usage/*", "/api/v1/invoices",
                "/api/v1/invoices/*", "/api/v1/billing", "/api/v1/billing/*"}) {
            router.route(path).order(-11).handler(ctx -> proxy(ctx, billing));
        }
        router.route("/api/v1/*").order(-10).handler(ctx -> proxy(ctx, controlPlane));
        router.route("/api/v1").order(-10).handler(ctx -> proxy(ctx, controlPlane));
        router.route("/internal/*").order(-10).handler(ctx -> Problem.send(ctx.response(), 404, "Not Found",
                "internal endpoints are not served by the gateway", ctx.request().path()));
    }

    private Upstream upstream(String name, String url) {
        URI uri = URI.create(url);
        return new Upstream(name, uri, vertx.createHttpClient(new HttpClientOptions()
                .setSsl("https".equalsIgnoreCase(uri.getScheme()))
                .setMaxPoolSize(64)
                .setIdleTimeout(60)));
    }

    private void proxy(RoutingContext ctx, Upstream target) {
        URI upstream = target.uri();
        HttpServerRequest in = ctx.request();
        in.pause();
        String basePath = upstream.getRawPath() == null ? "" : upstream.getRawPath().replaceAll("/+$", "");
        int port = upstream.getPort() != -1 ? upstream.getPort()
                : "https".equalsIgnoreCase(upstream.getScheme()) ? 443 : 80;
        // The control plane and billing authenticate callers themselves: Authorization goes through unchanged.
        RequestOptions options = new RequestOptions()
                .setMethod(in.method())
                .setHost(upstream.getHost())
                .setPort(port)
                .setURI(basePath + in.uri())
                .setHeaders(HttpForwarding.requestHeaders(in, name -> false));
        HttpForwarding.forward(ctx, target.client(), options, error -> unreachable(ctx, target, error));
    }

    private void unreachable(RoutingContext ctx, Upstream target, Throwable error) {
        LOG.warnf("REST proxy: %s %s unreachable for %s %s: %s", target.name(), target.uri(), ctx.request().method(),
                ctx.request().path(), error.toString());
        Problem.send(ctx.response(), 502, "Bad Gateway", "the " + target.name()
                + " is unavailable right now; retry shortly", ctx.request().path());
    }
}
