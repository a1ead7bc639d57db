package io.cadenza.dashboard.backend;

import io.cadenza.dashboard.security.UserToken;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.quarkus.runtime.ShutdownEvent;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc.WorkflowServiceBlockingStub;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One gRPC connection to the gateway's Temporal API, shared by all users; each call carries the calling user's access
 * token ({@code authorization: Bearer}) and namespace ({@code temporal-namespace}), so the gateway authorizes it as
 * that user.
 */
@ApplicationScoped
public class TemporalChannel {

    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization",
            Metadata.ASCII_STRING_MARSHALLER);
    static final Metadata.Key<String> NAMESPACE = Metadata.Key.of("temporal-namespace",
            Metadata.ASCII_STRING_MARSHALLER);
    static final Metadata.Key<String> CLIENT_NAME = Metadata.Key.of("client-name", Metadata.ASCII_STRING_MARSHALLER);

    private final ManagedChannel channel;

    @Inject
    public TemporalChannel(DashboardConfig config) {
        this.channel = Grpc.newChannelBuilder(config.gatewayGrpcTarget(), InsecureChannelCredentials.create())
                .maxInboundMessageSize(64 * 1024 * 1024)
                .build();
    }

    void stop(@Observes ShutdownEvent event) {
        channel.shutdownNow();
    }

    /** A blocking stub for one call (10 s deadline) as {@code user} in {@code namespace}. */
    public WorkflowServiceBlockingStub stub(UserToken user, String namespace) {
        Metadata headers = new Metadata();
        headers.put(AUTHORIZATION, "Bearer " + user.accessToken());
        headers.put(CLIENT_NAME, "cadenza-dashboard");
        if (namespace != null) {
            headers.put(NAMESPACE, namespace);
        }
        return WorkflowServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    /** Runs a call, turning gRPC failures into readable {@link BackendException}s. */
    public static <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (StatusRuntimeException e) {
            throw GrpcErrors.readable(what, e);
        }
    }
}
