package io.cadenza.gateway.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.gateway.auth.Principal;
import io.cadenza.gateway.authz.Permission;
import io.cadenza.gateway.ratelimit.NamespaceRateLimiter;
import io.cadenza.gateway.routing.NamespaceRoute;
import io.cadenza.gateway.telemetry.GatewayTelemetry;
import io.cadenza.gateway.testing.StubControlPlane;
import io.grpc.HandlerRegistry;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.MetadataUtils;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What reaches the cell: identity headers, no caller credentials, the caller's trace continued through our spans. */
class ForwardedMetadataAndTracingTest {

    static final String NS = "orders.acme";
    static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final Metadata.Key<String> TRACEPARENT = Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER);

    final List<Metadata> seenByCell = new CopyOnWriteArrayList<>();
    final InMemorySpanExporter spans = InMemorySpanExporter.create();
    Server cell;
    GatewayGrpcServer gateway;
    ManagedChannel channel;
    Status cellAnswer = Status.OK;
    Metadata cellTrailers = new Metadata();

    @BeforeEach
    void start() throws Exception {
        cell = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .fallbackHandlerRegistry(new CapturingRegistry()).build().start();
        StubControlPlane controlPlane = new StubControlPlane();
        controlPlane.namespaces.put(NS, new NamespaceRoute(NS, "acme", "cell-7", "127.0.0.1:" + cell.getPort(),
                NamespaceRoute.State.ACTIVE, 500, 2000));
        controlPlane.principals.put("cdz_key", new Principal("service-account", "sa-ci", "ci", "acme", "developer",
                Map.of(NS, Permission.WRITE), Instant.now().plusSeconds(60)));
        OpenTelemetrySdk otel = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(spans)).build()).build();
        gateway = new GatewayGrpcServer("127.0.0.1", 0, Optional.empty(), 2, new GatewaySettings(false,
                Optional.of("s3cret"), Optional.empty(), Duration.ofSeconds(30), 4 << 20), controlPlane, controlPlane,
                new NamespaceRateLimiter(500, 2000, System::nanoTime), new GatewayTelemetry(otel)).start();
        channel = NettyChannelBuilder.forAddress("127.0.0.1", gateway.port()).usePlaintext().build();
    }

    @AfterEach
    void stop() {
        channel.shutdownNow();
        gateway.close();
        cell.shutdownNow();
    }

    private WorkflowServiceGrpc.WorkflowServiceBlockingStub stub(Metadata headers) {
        return WorkflowServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .withDeadlineAfter(5, TimeUnit.SECONDS);
    }

    private static Metadata tenantHeaders() {
        Metadata h = new Metadata();
        h.put(ForwardedMetadata.AUTHORIZATION, "Bearer cdz_key");
        h.put(ForwardedMetadata.TEMPORAL_NAMESPACE, NS);
        h.put(Metadata.Key.of("client-name", Metadata.ASCII_STRING_MARSHALLER), "temporal-java");
        h.put(Metadata.Key.of("client-version", Metadata.ASCII_STRING_MARSHALLER), "1.38.0");
        h.put(TRACEPARENT, "00-" + TRACE_ID + "-00f067aa0ba902b7-01");
        // a caller pretending to be someone else
        h.put(ForwardedMetadata.PRINCIPAL, "internal:control-plane");
        h.put(ForwardedMetadata.INTERNAL_TOKEN, "guess");
        h.put(ForwardedMetadata.ACCOUNT, "globex");
        return h;
    }

    @Test
    void the_cell_gets_the_sdk_headers_and_the_gateways_identity_headers_only() {
        stub(tenantHeaders()).describeNamespace(DescribeNamespaceRequest.newBuilder().setNamespace(NS).build());

        assertThat(seenByCell).hasSize(1);
        Metadata m = seenByCell.get(0);
        assertThat(m.get(ForwardedMetadata.AUTHORIZATION)).isNull();
        assertThat(m.getAll(ForwardedMetadata.PRINCIPAL)).containsExactly("service-account:sa-ci");
        assertThat(m.getAll(ForwardedMetadata.ACCOUNT)).containsExactly("acme");
        assertThat(m.getAll(ForwardedMetadata.INTERNAL_TOKEN)).containsExactly("s3cret");
        assertThat(m.get(ForwardedMetadata.TEMPORAL_NAMESPACE)).isEqualTo(NS);
        assertThat(m.get(Metadata.Key.of("client-name", Metadata.ASCII_STRING_MARSHALLER))).isEqualTo("temporal-java");
        assertThat(m.get(Metadata.Key.of("client-version", Metadata.ASCII_STRING_MARSHALLER))).isEqualTo("1.38.0");
    }

    @Test
    void the_trace_continues_from_the_sdk_through_the_gateway_spans_to_the_cell() {
        stub(tenantHeaders()).describeNamespace(DescribeNamespaceRequest.newBuilder().setNamespace(NS).build());

        List<SpanData> finished = spans.getFinishedSpanItems();
        assertThat(finished).extracting(SpanData::getName).contains(
                "temporal.api.workflowservice.v1.WorkflowService/DescribeNamespace",
                GatewayTelemetry.SPAN_AUTHENTICATE, GatewayTelemetry.SPAN_AUTHORIZE, GatewayTelemetry.SPAN_ROUTE);
        assertThat(finished).allSatisfy(s -> assertThat(s.getTraceId()).isEqualTo(TRACE_ID));
        SpanData server = finished.stream().filter(s -> s.getKind() == SpanKind.SERVER).findFirst().orElseThrow();
        assertThat(server.getParentSpanId()).isEqualTo("00f067aa0ba902b7");
        SpanData route = finished.stream().filter(s -> s.getName().equals(GatewayTelemetry.SPAN_ROUTE)).findFirst()
                .orElseThrow();
        assertThat(route.getParentSpanId()).isEqualTo(server.getSpanId());
        assertThat(route.getAttributes().asMap()).containsEntry(
                io.opentelemetry.api.common.AttributeKey.stringKey("cadenza.namespace"), NS).containsEntry(
                io.opentelemetry.api.common.AttributeKey.stringKey("cadenza.cell"), "cell-7");

        // the cell's parent is the gateway's route span, in the caller's trace
        assertThat(seenByCell.get(0).get(TRACEPARENT)).isEqualTo("00-" + TRACE_ID + "-" + route.getSpanId() + "-01");
    }

    @Test
    void cell_failures_reach_the_caller_unchanged_with_trailers() {
        cellAnswer = Status.NOT_FOUND.withDescription("workflow not found for ID: wf-1");
        Metadata.Key<byte[]> details = Metadata.Key.of("grpc-status-details-bin", Metadata.BINARY_BYTE_MARSHALLER);
        cellTrailers.put(details, new byte[] {8, 5});

        StatusRuntimeException e = org.junit.jupiter.api.Assertions.assertThrows(StatusRuntimeException.class,
                () -> stub(tenantHeaders()).describeNamespace(DescribeNamespaceRequest.newBuilder().setNamespace(NS)
                        .build()));

        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(e.getStatus().getDescription()).isEqualTo("workflow not found for ID: wf-1");
        assertThat(e.getTrailers().get(details)).containsExactly(8, 5);
    }

    @Test
    void the_callers_deadline_reaches_the_cell() {
        WorkflowServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(tenantHeaders()))
                .withDeadlineAfter(3, TimeUnit.SECONDS)
                .describeNamespace(DescribeNamespaceRequest.newBuilder().setNamespace(NS).build());

        long timeoutNanos = seenDeadlineNanos.get(0);
        assertThat(timeoutNanos).isBetween(TimeUnit.SECONDS.toNanos(1), TimeUnit.SECONDS.toNanos(3));
    }

    final List<Long> seenDeadlineNanos = new CopyOnWriteArrayList<>();

    /** Answers every method with an empty message (a valid proto of any type), or with {@link #cellAnswer}. */
    private final class CapturingRegistry extends HandlerRegistry {
        @Override
        public ServerMethodDefinition<?, ?> lookupMethod(String methodName, String authority) {
            MethodDescriptor<byte[], byte[]> md = MethodDescriptor.<byte[], byte[]>newBuilder()
                    .setType(MethodDescriptor.MethodType.UNARY).setFullMethodName(methodName)
                    .setRequestMarshaller(RawMarshaller.INSTANCE).setResponseMarshaller(RawMarshaller.INSTANCE)
                    .build();
            ServerCallHandler<byte[], byte[]> handler = (call, headers) -> {
                seenByCell.add(headers);
                io.grpc.Deadline deadline = io.grpc.Context.current().getDeadline();
                if (deadline != null) {
                    seenDeadlineNanos.add(deadline.timeRemaining(TimeUnit.NANOSECONDS));
                }
                call.request(1);
                return new ServerCall.Listener<>() {
                    @Override
                    public void onHalfClose() {
                        if (!cellAnswer.isOk()) {
                            call.close(cellAnswer, cellTrailers);
                            return;
                        }
                        call.sendHeaders(new Metadata());
                        call.sendMessage(new byte[0]);
                        call.close(Status.OK, new Metadata());
                    }
                };
            };
            return ServerMethodDefinition.create(md, handler);
        }
    }
}
