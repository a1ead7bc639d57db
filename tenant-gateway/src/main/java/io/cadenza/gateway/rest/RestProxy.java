package io.cadenza.gateway.rest;

import io.cadenza.gateway.config.GatewayConfig;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The public REST API through the gateway: {@code /api/v1/*} is forwarded to the control plane with method, path,
 * query, headers, body and status preserved (streamed both ways, nothing buffered), plus X-Forwarded-* headers.
 * {@code /internal/*} is never forwarded. An unreachable control plane is a 502 problem JSON.
 */
@ApplicationScoped
public class RestProxy {

    private static final Logger LOG = Logger.getLogger(RestProxy.class);

    /** Hop-by-hop headers (RFC 9110 7.6.1) and the ones the proxy sets itself. */
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "host",
            "x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "forwarded");

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
        HttpServerResponse out = ctx.response();
        in.pause();
        String basePath = upstream.getRawPath() == null ? "" : upstream.getRawPath().replaceAll("/+$", "");
        int port = upstream.getPort() != -1 ? upstream.getPort()
                : "https".equalsIgnoreCase(upstream.getScheme()) ? 443 : 80;
        RequestOptions options = new RequestOptions()
                .setMethod(in.method())
                .setHost(upstream.getHost())
                .setPort(port)
                .setURI(basePath + in.uri())
                .setHeaders(forwardedHeaders(in));
        client.request(options)
                .onFailure(error -> unreachable(ctx, error))
                .onSuccess(upstreamRequest -> {
                    in.exceptionHandler(error -> upstreamRequest.reset());
                    out.closeHandler(v -> upstreamRequest.reset());
                    upstreamRequest.send(in)
                            .onFailure(error -> unreachable(ctx, error))
                            .onSuccess(upstreamResponse -> relay(upstreamResponse, out));
                });
    }

    private MultiMap forwardedHeaders(HttpServerRequest in) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        in.headers().forEach(h -> {
            if (!NOT_FORWARDED.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                headers.add(h.getKey(), h.getValue());
            }
        });
        String client = in.remoteAddress() == null ? "unknown" : in.remoteAddress().hostAddress();
        String priorFor = in.getHeader("X-Forwarded-For");
        headers.set("X-Forwarded-For", priorFor == null ? client : priorFor + ", " + client);
        headers.set("X-Forwarded-Proto", in.scheme() == null ? "http" : in.scheme());
        String host = in.authority() != null ? in.authority().toString() : in.getHeader("Host");
        if (host != null) {
            headers.set("X-Forwarded-Host", host);
        }
        return headers;
    }

    private static void relay(HttpClientResponse upstreamResponse, HttpServerResponse out) {
        out.setStatusCode(upstreamResponse.statusCode());
        out.setStatusMessage(upstreamResponse.statusMessage());
        upstreamResponse.headers().forEach(h -> {
            if (!NOT_FORWARDED.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                out.headers().add(h.getKey(), h.getValue());
            }
        });
        if (upstreamResponse.getHeader("Content-Length") == null) {
            out.setChunked(true);
        }
        upstreamResponse.pipeTo(out);
    }

    private void unreachable(RoutingContext ctx, Throwable error) {
        LOG.warnf("REST proxy: control plane %s unreachable for %s %s: %s", upstream, ctx.request().method(),
                ctx.request().path(), error.toString());
        Problem.send(ctx.response(), 502, "Bad Gateway", "the control plane is unavailable right now; retry shortly",
                ctx.request().path());
    }
}
