package io.cadenza.controlplane.cell;

import io.cadenza.controlplane.config.CadenzaConfig;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.namespace.v1.NamespaceConfig;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.DeleteNamespaceRequest;
import io.temporal.api.operatorservice.v1.OperatorServiceGrpc;
import io.temporal.api.operatorservice.v1.RemoveSearchAttributesRequest;
import io.temporal.api.workflowservice.v1.RegisterNamespaceRequest;
import io.temporal.api.workflowservice.v1.UpdateNamespaceRequest;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.Collection;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Talks to the cells' Temporal gRPC API (blocking, with a deadline per call) to apply a namespace's desired state.
 * Every call carries {@code cadenza-internal-token} when configured. Idempotent: "already there" counts as done.
 */
@ApplicationScoped
public class CellClient {
    private static final Logger LOG = Logger.getLogger(CellClient.class);
    private static final Metadata.Key<String> INTERNAL_TOKEN =
            Metadata.Key.of("cadenza-internal-token", Metadata.ASCII_STRING_MARSHALLER);

    @Inject
    CadenzaConfig config;

    private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();

    public SortedSet<String> cellIds() {
        return new TreeSet<>(config.cells().keySet());
    }

    public String endpoint(String cellId) {
        CadenzaConfig.Cell cell = config.cells().get(cellId);
        return cell == null ? null : cell.grpcEndpoint();
    }

    /** The cell's HTTP API (approval inbox) as host:port. */
    public String httpEndpoint(String cellId) {
        CadenzaConfig.Cell cell = config.cells().get(cellId);
        if (cell == null) {
            return null;
        }
        return cell.httpEndpoint().orElseGet(() -> {
            String grpc = cell.grpcEndpoint();
            if (grpc.contains(",")) {
                // Several instances: the gateway picks one of them per call (the port after each gRPC port).
                return null;
            }
            int colon = grpc.lastIndexOf(':');
            return grpc.substring(0, colon + 1) + (Integer.parseInt(grpc.substring(colon + 1)) + 1);
        });
    }

    /** RegisterNamespace; ALREADY_EXISTS means a previous attempt (or the cell's dev bootstrap) did it. */
    public void register(String cellId, String namespace, int retentionDays) {
        try {
            workflow(cellId).registerNamespace(RegisterNamespaceRequest.newBuilder()
                    .setNamespace(namespace)
                    .setWorkflowExecutionRetentionPeriod(days(retentionDays))
                    .build());
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() != Status.Code.ALREADY_EXISTS) {
                throw e;
            }
            LOG.debugf("Namespace %s already exists on %s", namespace, cellId);
        }
    }

    public void updateRetention(String cellId, String namespace, int retentionDays) {
        workflow(cellId).updateNamespace(UpdateNamespaceRequest.newBuilder()
                .setNamespace(namespace)
                .setConfig(NamespaceConfig.newBuilder().setWorkflowExecutionRetentionTtl(days(retentionDays)))
                .build());
    }

    /** Adds search attributes {name: Temporal type}; names the cell has already are left alone. */
    public void addSearchAttributes(String cellId, String namespace, Map<String, IndexedValueType> attributes) {
        if (attributes.isEmpty()) {
            return;
        }
        AddSearchAttributesRequest.Builder request = AddSearchAttributesRequest.newBuilder().setNamespace(namespace);
        request.putAllSearchAttributes(attributes);
        operator(cellId).addSearchAttributes(request.build());
    }

    public void removeSearchAttributes(String cellId, String namespace, Collection<String> names) {
        for (String name : names) {
            try {
                operator(cellId).removeSearchAttributes(RemoveSearchAttributesRequest.newBuilder()
                        .setNamespace(namespace).addSearchAttributes(name).build());
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() != Status.Code.NOT_FOUND) {
                    throw e;
                }
            }
        }
    }

    /**
     * DeleteNamespace. Returns false when the cell does not implement it (yet): the caller then forgets the
     * namespace locally and the cell keeps its data until it does.
     */
    public boolean delete(String cellId, String namespace) {
        try {
            operator(cellId).deleteNamespace(DeleteNamespaceRequest.newBuilder().setNamespace(namespace).build());
            return true;
        } catch (StatusRuntimeException e) {
            return switch (e.getStatus().getCode()) {
                case NOT_FOUND -> true;
                case UNIMPLEMENTED -> false;
                default -> throw e;
            };
        }
    }

    private WorkflowServiceGrpc.WorkflowServiceBlockingStub workflow(String cellId) {
        return decorate(WorkflowServiceGrpc.newBlockingStub(channel(cellId)));
    }

    private OperatorServiceGrpc.OperatorServiceBlockingStub operator(String cellId) {
        return decorate(OperatorServiceGrpc.newBlockingStub(channel(cellId)));
    }

    private <S extends AbstractStub<S>> S decorate(S stub) {
        S result = stub.withDeadlineAfter(config.reconciler().callTimeout().toMillis(), TimeUnit.MILLISECONDS);
        if (config.internalToken().isPresent() && !config.internalToken().get().isBlank()) {
            Metadata headers = new Metadata();
            headers.put(INTERNAL_TOKEN, config.internalToken().get());
            result = result.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
        }
        return result;
    }

    static {
        io.grpc.NameResolverRegistry.getDefaultRegistry().register(new CellInstances());
    }

    private ManagedChannel channel(String cellId) {
        String endpoint = endpoint(cellId);
        if (endpoint == null) {
            throw new IllegalStateException("Cell " + cellId + " is not configured (cadenza.cells.\"" + cellId
                    + "\".grpc-endpoint)");
        }
        return channels.computeIfAbsent(cellId, id -> NettyChannelBuilder.forTarget(CellInstances.target(endpoint))
                .usePlaintext()
                // A cell of several instances (host:port,host:port): any live one answers.
                .defaultLoadBalancingPolicy(endpoint.contains(",") ? "round_robin" : "pick_first")
                .maxInboundMessageSize(16 * 1024 * 1024)
                .build());
    }

    private static com.google.protobuf.Duration days(int days) {
        return com.google.protobuf.Duration.newBuilder().setSeconds(days * 86_400L).build();
    }

    @PreDestroy
    void close() {
        channels.values().forEach(ManagedChannel::shutdownNow);
    }
}
