package io.cadenza.gateway.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cadenza.gateway.auth.Principal;
import io.cadenza.gateway.authz.Permission;
import io.cadenza.gateway.ratelimit.NamespaceRateLimiter;
import io.cadenza.gateway.routing.NamespaceRoute;
import io.cadenza.gateway.telemetry.GatewayTelemetry;
import io.cadenza.gateway.testing.StubControlPlane;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.opentelemetry.api.OpenTelemetry;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.common.v1.WorkflowType;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.api.workflowservice.v1.ListNamespacesRequest;
import io.temporal.api.workflowservice.v1.ListNamespacesResponse;
import io.temporal.api.workflowservice.v1.PollWorkflowTaskQueueRequest;
import io.temporal.api.workflowservice.v1.PollWorkflowTaskQueueResponse;
import io.temporal.api.workflowservice.v1.RegisterNamespaceRequest;
import io.temporal.api.workflowservice.v1.StartWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The proxy core in process, with Temporal's own test server standing in for a cell and a stub control plane,
 * driven by the official Temporal Java SDK through the gateway.
 */
class TemporalSdkThroughGatewayTest {

    static final String NS = "orders.acme";
    static final String OTHER_NS = "billing.globex";
    static final String LIMITED_NS = "tiny.acme";

    static TestServer.PortBoundTestServer cell;
    static GatewayGrpcServer gateway;
    static GatewayGrpcServer devGateway;
    static final StubControlPlane controlPlane = new StubControlPlane();

    @BeforeAll
    static void start() throws IOException {
        int cellPort = freePort();
        cell = TestServer.createPortBoundServer(cellPort);
        String endpoint = "127.0.0.1:" + cellPort;
        controlPlane.namespaces.put(NS, new NamespaceRoute(NS, "acme", "cell-1", endpoint,
                NamespaceRoute.State.ACTIVE, 500, 2000));
        controlPlane.namespaces.put(OTHER_NS, new NamespaceRoute(OTHER_NS, "globex", "cell-1", endpoint,
                NamespaceRoute.State.ACTIVE, 500, 2000));
        controlPlane.namespaces.put(LIMITED_NS, new NamespaceRoute(LIMITED_NS, "acme", "cell-1", endpoint,
                NamespaceRoute.State.ACTIVE, 1, 3));
        controlPlane.namespaces.put("new.acme", new NamespaceRoute("new.acme", "acme", "cell-1", endpoint,
                NamespaceRoute.State.PROVISIONING, 500, 2000));
        controlPlane.namespaces.put("default", new NamespaceRoute("default", "dev", "cell-1", endpoint,
                NamespaceRoute.State.ACTIVE, 500, 2000));
        controlPlane.principals.put("cdz_writer", new Principal("service-account", "sa-ci", "ci", "acme",
                "developer", Map.of(NS, Permission.WRITE, LIMITED_NS, Permission.WRITE, "new.acme",
                        Permission.WRITE), Instant.now().plusSeconds(3600)));
        controlPlane.principals.put("cdz_reader", new Principal("user", "u-1", "ann@acme.test", "acme",
                "read-only", Map.of(NS, Permission.READ), Instant.now().plusSeconds(3600)));
        gateway = start(false);
        devGateway = start(true);
    }

    private static GatewayGrpcServer start(boolean devMode) {
        GatewaySettings settings = new GatewaySettings(devMode, Optional.of("internal-secret"), Optional.empty(),
                Duration.ofSeconds(120), 128 * 1024 * 1024);
        return new GatewayGrpcServer("127.0.0.1", 0, Optional.empty(), 4, settings, controlPlane, controlPlane,
                new NamespaceRateLimiter(500, 2000, System::nanoTime), new GatewayTelemetry(OpenTelemetry.noop()))
                .start();
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (devGateway != null) {
            devGateway.close();
        }
        if (cell != null) {
            cell.close();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static WorkflowServiceStubs stubs(GatewayGrpcServer server, String apiKey) {
        WorkflowServiceStubsOptions.Builder options = WorkflowServiceStubsOptions.newBuilder()
                .setTarget("127.0.0.1:" + server.port());
        if (apiKey != null) {
            // addApiKey turns TLS on unless told otherwise; the in-process gateway is plaintext
            options.addApiKey(() -> apiKey).setEnableHttps(false);
        }
        return WorkflowServiceStubs.newServiceStubs(options.build());
    }

    @WorkflowInterface
    public interface Greeting {
        @WorkflowMethod
        String greet(String name);
    }

    @ActivityInterface
    public interface Greeter {
        String hello(String name);
    }

    public static class GreetingImpl implements Greeting {
        private final Greeter greeter = Workflow.newActivityStub(Greeter.class,
                ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());

        @Override
        public String greet(String name) {
            Workflow.sleep(Duration.ofMillis(100));
            return greeter.hello(name);
        }
    }

    @Test
    void a_worker_and_a_client_run_a_workflow_through_the_gateway() {
        WorkflowServiceStubs service = stubs(gateway, "cdz_writer");
        try {
            WorkflowClient client = WorkflowClient.newInstance(service,
                    WorkflowClientOptions.newBuilder().setNamespace(NS).build());
            WorkerFactory factory = WorkerFactory.newInstance(client);
            Worker worker = factory.newWorker("greetings");
            worker.registerWorkflowImplementationTypes(GreetingImpl.class);
            worker.registerActivitiesImplementations((Greeter) name -> "hello " + name);
            factory.start();
            try {
                Greeting workflow = client.newWorkflowStub(Greeting.class, WorkflowOptions.newBuilder()
                        .setTaskQueue("greetings").setWorkflowId("greet-" + UUID.randomUUID()).build());
                assertThat(workflow.greet("tenant")).isEqualTo("hello tenant");
            } finally {
                factory.shutdownNow();
                factory.awaitTermination(10, TimeUnit.SECONDS);
            }
        } finally {
            service.shutdownNow();
        }
    }

    @Test
    void a_wrong_key_is_unauthenticated() {
        WorkflowServiceStubs service = stubs(gateway, "cdz_wrong");
        try {
            assertStatus(() -> service.blockingStub().describeNamespace(DescribeNamespaceRequest.newBuilder()
                    .setNamespace(NS).build()), Status.Code.UNAUTHENTICATED, "unknown API key");
        } finally {
            service.shutdownNow();
        }
    }

    @Test
    void no_key_is_unauthenticated_with_instructions_outside_dev_mode() {
        WorkflowServiceStubs service = stubs(gateway, null);
        try {
            assertStatus(() -> service.blockingStub().describeNamespace(DescribeNamespaceRequest.newBuilder()
                            .setNamespace("default").build()), Status.Code.UNAUTHENTICATED,
                    "missing authorization: send 'authorization: Bearer <API key or token>'");
        } finally {
            service.shutdownNow();
        }
    }

    @Test
    void header_and_request_namespaces_must_agree() {
        WorkflowServiceStubs service = stubs(gateway, "cdz_writer");
        try {
            Metadata headers = new Metadata();
            headers.put(ForwardedMetadata.TEMPORAL_NAMESPACE, OTHER_NS);
            assertStatus(() -> service.blockingStub()
                    .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                    .describeNamespace(DescribeNamespaceRequest.newBuilder().setNamespace(NS).build()),
                    Status.Code.PERMISSION_DENIED,
                    "temporal-namespace header '" + OTHER_NS + "' does not match the request's namespace '" + NS
                            + "'");
        } finally {
            service.shutdownNow();
        }
    }

    @Test
    void another_tenants_namespace_and_a_missing_one_are_refused_alike() {
        WorkflowServiceStubs service = stubs(gateway, "cdz_writer");
        try {
            assertStatus(() -> service.blockingStub().describeNamespace(DescribeNamespaceRequest.newBuilder()
                            .setNamespace(OTHER_NS).build()), Status.Code.PERMISSION_DENIED,
                    "API key/identity 'ci' (service-account:sa-ci) has no access to namespace '" + OTHER_NS + "'");
            assertStatus(() -> service.blockingStub().describeNamespace(DescribeNamespaceRequest.newBuilder()
                            .setNamespace("nope.nobody").build()), Status.Code.PERMISSION_DENIED,
                    "API key/identity 'ci' (service-account:sa-ci) has no access to namespace 'nope.nobody'");
        } finally {
            service.shutdownNow();
        }
    }

    @Test
    void a_read_only_identity_cannot_start_workflows() {
        WorkflowServiceStubs service = stubs(gateway, "cdz_reader");
        try {
            assertThat(service.blockingStub().describeNamespace(DescribeNamespaceRequest.newBuilder()
                    .setNamespace(NS).build()).getNamespaceInfo().getName()).isEqualTo(NS);
            assertStatus(() -> service.blockingStub().startWorkflowExecution(StartWorkflowExecutionRequest
                            .newBuilder().setNamespace(NS).setWorkflowId("x").setRequestId(UUID.randomUUID()
                                    .toString()).setWorkflowType(WorkflowType.newBuilder().setName("W"))
                            .setTaskQueue(TaskQueue.newBuilder().setName("q")).build()),
                    Status.Code.PERMISSION_DENIED, "has read access to namespace '" + NS
                            + "'; StartWorkflowExecution needs write");
        } finally {
            service.shutdownNow();
        }
    }

    @Test
    void a_long_poll_waits_through_the_gateway_and_gets_the_task() throws Exception {
        WorkflowServiceStubs service = stubs(gateway, "cdz_writer");
        try {
            String queue = "poll-" + UUID.randomUUID();
            // given a poll parked at the cell
            CompletableFuture<PollWorkflowTaskQueueResponse> poll = CompletableFuture.supplyAsync(() -> service
                    .blockingStub().withDeadlineAfter(30, TimeUnit.SECONDS)
                    .pollWorkflowTaskQueue(PollWorkflowTaskQueueRequest.newBuilder().setNamespace(NS)
                            .setTaskQueue(TaskQueue.newBuilder().setName(queue)).setIdentity("it").build()));
            Thread.sleep(2000);
            assertThat(poll).isNotDone();

            // when a workflow is started while it waits (other calls are not held up by the parked poll)
            service.blockingStub().startWorkflowExecution(StartWorkflowExecutionRequest.newBuilder()
                    .setNamespace(NS).setWorkflowId("wf-" + queue).setRequestId(UUID.randomUUID().toString())
                    .setWorkflowType(WorkflowType.newBuilder().setName("W"))
                    .setTaskQueue(TaskQueue.newBuilder().setName(queue)).build());

            // then the same poll answers with the task
            PollWorkflowTaskQueueResponse task = poll.get(20, TimeUnit.SECONDS);
            assertThat(task.getTaskToken().isEmpty()).isFalse();
            assertThat(task.getWorkflowExecution().getWorkflowId()).isEqualTo("wf-" + queue);
        } finally {
            service.shutdownNow();
        }
    }

    @Test
    void a_namespace_over_its_limit_is_resource_exhausted_and_others_are_not_slowed() {
        WorkflowServiceStubs service = stubs(gateway, "cdz_writer");
        try {
            DescribeNamespaceRequest limited = DescribeNamespaceRequest.newBuilder().setNamespace(LIMITED_NS).build();
            StatusRuntimeException refused = null;
            for (int i = 0; i < 10 && refused == null; i++) {
                try {
                    service.blockingStub().describeNamespace(limited);
                } catch (StatusRuntimeException e) {
                    refused = e;
                }
            }
            assertThat(refused).isNotNull();
            assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
            assertThat(refused.getStatus().getDescription())
                    .isEqualTo("namespace " + LIMITED_NS + " exceeded its limit of 3 requests per second");
            assertThat(refused.getTrailers().get(NamespaceRateLimiter.RETRY_PUSHBACK_MS)).isNotNull();

            assertThat(service.blockingStub().describeNamespace(DescribeNamespaceRequest.newBuilder()
                    .setNamespace(NS).build()).getNamespaceInfo().getName()).isEqualTo(NS);
        } finally {
            service.shutdownNow();
        }
    }

    @Test
    void namespace_lifecycle_and_states_are_explained() {
        WorkflowServiceStubs service = stubs(gateway, "cdz_writer");
        try {
            assertStatus(() -> service.blockingStub().registerNamespace(RegisterNamespaceRequest.newBuilder()
                            .setNamespace("mine.acme").build()), Status.Code.PERMISSION_DENIED,
                    "namespaces are managed through the control plane: POST /api/v1/namespaces");
            assertStatus(() -> service.blockingStub().describeNamespace(DescribeNamespaceRequest.newBuilder()
                            .setNamespace("new.acme").build()), Status.Code.UNAVAILABLE,
                    "namespace 'new.acme' is being provisioned; retry shortly");
        } finally {
            service.shutdownNow();
        }
    }

    @Test
    void list_namespaces_shows_only_the_callers_active_namespaces() {
        WorkflowServiceStubs service = stubs(gateway, "cdz_writer");
        try {
            // pages run over the caller's namespace ids (new.acme, orders.acme, tiny.acme); inactive ones are
            // left out, so a page can be short
            ListNamespacesResponse first = service.blockingStub().listNamespaces(ListNamespacesRequest.newBuilder()
                    .setPageSize(2).build());
            assertThat(first.getNamespacesList()).extracting(n -> n.getNamespaceInfo().getName())
                    .containsExactly(NS);
            assertThat(first.getNextPageToken().toStringUtf8()).isEqualTo(LIMITED_NS);
            ListNamespacesResponse second = service.blockingStub().listNamespaces(ListNamespacesRequest.newBuilder()
                    .setPageSize(2).setNextPageToken(first.getNextPageToken()).build());
            assertThat(second.getNamespacesList()).extracting(n -> n.getNamespaceInfo().getName())
                    .containsExactly(LIMITED_NS);
            assertThat(second.getNextPageToken().isEmpty()).isTrue();
            ListNamespacesResponse all = service.blockingStub().listNamespaces(ListNamespacesRequest
                    .getDefaultInstance());
            assertThat(all.getNamespacesList()).extracting(n -> n.getNamespaceInfo().getName())
                    .containsExactly(NS, LIMITED_NS); // new.acme is still provisioning; globex is not theirs
            assertThat(all.getNextPageToken().isEmpty()).isTrue();
        } finally {
            service.shutdownNow();
        }
    }

    @Test
    void dev_mode_lets_unauthenticated_callers_use_default_only() {
        WorkflowServiceStubs service = stubs(devGateway, null);
        try {
            assertThat(service.blockingStub().describeNamespace(DescribeNamespaceRequest.newBuilder()
                    .setNamespace("default").build()).getNamespaceInfo().getName()).isEqualTo("default");
            assertStatus(() -> service.blockingStub().describeNamespace(DescribeNamespaceRequest.newBuilder()
                    .setNamespace(NS).build()), Status.Code.UNAUTHENTICATED, "missing authorization");
        } finally {
            service.shutdownNow();
        }
        // a caller that sends a key is authenticated normally, also in dev mode
        WorkflowServiceStubs wrongKey = stubs(devGateway, "cdz_wrong");
        try {
            assertStatus(() -> wrongKey.blockingStub().describeNamespace(DescribeNamespaceRequest.newBuilder()
                    .setNamespace("default").build()), Status.Code.UNAUTHENTICATED, "unknown API key");
        } finally {
            wrongKey.shutdownNow();
        }
    }

    @Test
    void health_is_serving_and_unknown_methods_are_unimplemented() {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", gateway.port()).usePlaintext().build();
        try {
            assertThat(HealthGrpc.newBlockingStub(channel).check(HealthCheckRequest.getDefaultInstance())
                    .getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
            io.grpc.MethodDescriptor<byte[], byte[]> unknown = io.grpc.MethodDescriptor.<byte[], byte[]>newBuilder()
                    .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
                    .setFullMethodName("temporal.api.workflowservice.v1.WorkflowService/NoSuchMethod")
                    .setRequestMarshaller(RawMarshaller.INSTANCE).setResponseMarshaller(RawMarshaller.INSTANCE).build();
            assertStatus(() -> io.grpc.stub.ClientCalls.blockingUnaryCall(channel, unknown,
                    io.grpc.CallOptions.DEFAULT, new byte[0]), Status.Code.UNIMPLEMENTED, "NoSuchMethod");
        } finally {
            channel.shutdownNow();
        }
    }

    static void assertStatus(Runnable call, Status.Code code, String description) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(code);
            assertThat(e.getStatus().getDescription()).contains(description);
        });
    }
}
