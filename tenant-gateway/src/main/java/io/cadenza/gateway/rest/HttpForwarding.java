package io.cadenza.gateway.rest;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Forwarding one HTTP request to an upstream (the control plane, a cell's inbox) and its answer back: headers minus
 * hop-by-hop ones plus X-Forwarded-*, bodies streamed both ways, nothing buffered.
 */
final class HttpForwarding {

    /** Hop-by-hop headers (RFC 9110 7.6.1) and the ones the gateway sets itself. */
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "host",
            "x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "forwarded");

    private HttpForwarding() {
    }

    /**
     * The caller's headers to send upstream: all but hop-by-hop ones and those {@code drop} names (lower case), plus
     * X-Forwarded-For/-Proto/-Host for the caller.
     */
    static MultiMap requestHeaders(HttpServerRequest in, Predicate<String> drop) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        in.headers().forEach(h -> {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (!NOT_FORWARDED.contains(name) && !drop.test(name)) {
                headers.add(h.getKey(), h.getValue());
            }
        });
        String caller = in.remoteAddress() == null ? "unknown" : in.remoteAddress().hostAddress();
        String priorFor = in.getHeader("X-Forwarded-For");
        headers.set("X-Forwarded-For", priorFor == null ? caller : priorFor + ", " + caller);
        headers.set("X-Forwarded-Proto", in.scheme() == null ? "http" : in.scheme());
        String host = in.authority() != null ? in.authority().toString() : in.getHeader("Host");
        if (host != null) {
            headers.set("X-Forwarded-Host", host);
        }
        return headers;
    }

    /**
     * Sends the (paused) request's body upstream and relays the answer; {@code unreachable} is called when the
     * upstream cannot be reached or fails before answering. Must run on the request's Vert.x context.
     */
    static void forward(RoutingContext ctx, HttpClient client, RequestOptions options,
                        Consumer<Throwable> unreachable) {
        HttpServerRequest in = ctx.request();
        HttpServerResponse out = ctx.response();
        client.request(options)
                .onFailure(unreachable::accept)
                .onSuccess(upstreamRequest -> {
                    in.exceptionHandler(error -> upstreamRequest.reset());
                    out.closeHandler(v -> upstreamRequest.reset());
                    upstreamRequest.send(in)
                            .onFailure(unreachable::accept)
                            .onSuccess(upstreamResponse -> relay(upstreamResponse, out));
                });
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
}
