package io.cadenza.gateway.telemetry;

import io.grpc.Metadata;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.ArrayList;
import java.util.List;

/**
 * Tracing of a gateway call: W3C trace context (and baggage) extracted from the caller's gRPC metadata, a server
 * span per RPC with children {@code gateway.authenticate}, {@code gateway.authorize} and {@code gateway.route}, and
 * the route span's context injected into the metadata sent to the cell.
 *
 * <p>Spans are passed explicitly rather than made current, because a call hops between threads. When no exporter
 * is configured the SDK is disabled (see {@code io.cadenza.telemetry.OtelExporterDefaults}); the no-op tracer then keeps the caller's
 * span context, so the cell still joins the caller's trace.
 */
public final class GatewayTelemetry {

    public static final String SPAN_AUTHENTICATE = "gateway.authenticate";
    public static final String SPAN_AUTHORIZE = "gateway.authorize";
    public static final String SPAN_ROUTE = "gateway.route";

    private static final TextMapPropagator PROPAGATOR = TextMapPropagator.composite(
            W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance());

    private static final TextMapGetter<Metadata> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Metadata carrier) {
            List<String> keys = new ArrayList<>();
            for (String key : carrier.keys()) {
                if (!key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
                    keys.add(key);
                }
            }
            return keys;
        }

        @Override
        public String get(Metadata carrier, String key) {
            if (carrier == null || key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
                return null;
            }
            return carrier.get(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER));
        }
    };

    private static final TextMapSetter<Metadata> SETTER = (carrier, key, value) -> {
        Metadata.Key<String> k = Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER);
        carrier.discardAll(k);
        carrier.put(k, value);
    };

    /** Header names the propagator owns; the gateway forwards its own values, not the caller's. */
    public static final List<String> PROPAGATED_HEADERS = List.of("traceparent", "tracestate", "baggage");

    private final Tracer tracer;

    public GatewayTelemetry(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer("io.cadenza.gateway");
    }

    /** Starts the server span of an RPC as a child of the caller's context. */
    public Context startCall(Metadata headers, String fullMethodName) {
        Context parent = PROPAGATOR.extract(Context.root(), headers, GETTER);
        int slash = fullMethodName.lastIndexOf('/');
        Span span = tracer.spanBuilder(fullMethodName)
                .setParent(parent)
                .setSpanKind(SpanKind.SERVER)
                .setAttribute("rpc.system", "grpc")
                .setAttribute("rpc.service", fullMethodName.substring(0, Math.max(0, slash)))
                .setAttribute("rpc.method", fullMethodName.substring(slash + 1))
                .startSpan();
        return parent.with(span);
    }

    /** Starts a child span of the call ({@link #SPAN_AUTHENTICATE} etc.). */
    public Span startStep(Context call, String name, String fullMethodName) {
        return tracer.spanBuilder(name)
                .setParent(call)
                .setAttribute("rpc.method", fullMethodName.substring(fullMethodName.lastIndexOf('/') + 1))
                .startSpan();
    }

    /** Writes the span's context into the metadata sent to the cell. */
    public static void inject(Context context, Metadata outgoing) {
        PROPAGATOR.inject(context, outgoing, SETTER);
    }

    /** Ends a span, recording a failure if there was one. */
    public static void end(Span span, Throwable failure) {
        if (failure != null) {
            span.setStatus(StatusCode.ERROR, String.valueOf(failure.getMessage()));
        }
        span.end();
    }
}
