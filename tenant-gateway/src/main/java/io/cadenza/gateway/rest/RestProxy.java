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
 * query, headers, body and status preserved (streamed both ways, nothing buffered), plus X-Forwarded-* headers.
 * {@code /internal/*} is never forwarded. An unreachable control plane is a 502 problem JSON.
 */
@ApplicationScoped
public class RestProxy {

    private static final Logger LOG = Logger.getLogger(RestProxy.class);

    @Inject
    GatewayConfig config;

    @Inject
    Vertx vertx;

    private HttpClient client;
    private URI upstream;

    void routes(@Observes Router router) {
        upstream = URI.create(config.gateway().controlPlaneUrl());
        client = vertx.createHttpClient(new HttpClientOptions()
                .setSsl("https".equalsIgnoreCase(upstream.getScheme()))
                .setMaxPoolSize(64)
                .setIdleTimeout(60));
        router.route("/api/v1/*").order(-10).handler(this::proxy);
        router.route("/api/v1").order(-10).handler(this::proxy);
        router.route("/internal/*").order(-10).handler(ctx -> Problem.send(ctx.response(), 404, "Not Found",
                "internal endpoints are not served by the gateway", ctx.request().path()));
    }

    private void proxy(RoutingContext ctx) {
        HttpServerRequest in = ctx.request();
        in.pause();
        String basePath = upstream.getRawPath() == null ? "" : upstream.getRawPath().replaceAll("/+$", "");
        int port = upstream.getPort() != -1 ? upstream.getPort()
                : "https".equalsIgnoreCase(upstream.getScheme()) ? 443 : 80;
        // The control plane authenticates callers itself: Authorization goes through unchanged.
        RequestOptions options = new RequestOptions()
                .setMethod(in.method())
                .setHost(upstream.getHost())
                .setPort(port)
                .setURI(basePath + in.uri())
                .setHeaders(HttpForwarding.requestHeaders(in, name -> false));
        HttpForwarding.forward(ctx, client, options, error -> unreachable(ctx, error));
    }

    private void unreachable(RoutingContext ctx, Throwable error) {
        LOG.warnf("REST proxy: control plane %s unreachable for %s %s: %s", upstream, ctx.request().method(),
                ctx.request().path(), error.toString());
        Problem.send(ctx.response(), 502, "Bad Gateway", "the control plane is unavailable right now; retry shortly",
                ctx.request().path());
    }
}
