package io.cadenza.gateway.grpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.cadenza.gateway.auth.Principal;
import io.cadenza.gateway.ratelimit.NamespaceRateLimiter;
import io.cadenza.gateway.routing.CellChannels;
import io.cadenza.gateway.routing.NamespaceDirectory;
import io.cadenza.gateway.routing.NamespaceRoute;
import io.grpc.CallOptions;
import io.grpc.ClientInterceptors;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.context.Context;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.api.workflowservice.v1.DescribeNamespaceResponse;
import io.temporal.api.workflowservice.v1.ListNamespacesRequest;
import io.temporal.api.workflowservice.v1.ListNamespacesResponse;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.jboss.logging.Logger;

/**
 * ListNamespaces, answered by the gateway: a cell knows every tenant's namespaces, so the call is never forwarded.
 * The caller's namespaces (sorted by id) are paged, each active one is described by its own cell, and the
 * answers are assembled in order. The page token is the id of the next namespace.
 */
final class ListNamespacesHandler {

    private static final Logger LOG = Logger.getLogger(ListNamespacesHandler.class);
    static final int DEFAULT_PAGE_SIZE = 100;
    static final int MAX_PAGE_SIZE = 1000;

    private final NamespaceDirectory directory;
    private final NamespaceRateLimiter limiter;
    private final CellChannels channels;
    private final GatewaySettings settings;
    private final Executor executor;

    ListNamespacesHandler(NamespaceDirectory directory, NamespaceRateLimiter limiter, CellChannels channels,
            GatewaySettings settings, Executor executor) {
        this.directory = directory;
        this.limiter = limiter;
        this.channels = channels;
        this.settings = settings;
        this.executor = executor;
    }

    CompletionStage<byte[]> list(Principal principal, byte[] requestBytes, Metadata headers, Context trace,
            Deadline deadline) {
        ListNamespacesRequest request;
        try {
            request = ListNamespacesRequest.parseFrom(requestBytes);
        } catch (InvalidProtocolBufferException e) {
            return CompletableFuture.failedFuture(Status.INVALID_ARGUMENT
                    .withDescription("request is not a valid ListNamespacesRequest").asRuntimeException());
        }
        Page page = page(principal.namespaces().keySet().stream().sorted().toList(),
                request.getNextPageToken().toString(StandardCharsets.UTF_8), request.getPageSize());
        List<CompletableFuture<Optional<DescribeNamespaceResponse>>> described = new ArrayList<>();
        for (String namespace : page.ids()) {
            described.add(describe(principal, namespace, headers, trace, deadline));
        }
        return CompletableFuture.allOf(described.toArray(CompletableFuture[]::new)).thenApplyAsync(done -> {
            ListNamespacesResponse.Builder response = ListNamespacesResponse.newBuilder();
            for (CompletableFuture<Optional<DescribeNamespaceResponse>> f : described) {
                f.join().ifPresent(response::addNamespaces);
            }
            page.next().ifPresent(next -> response.setNextPageToken(ByteString.copyFromUtf8(next)));
            return response.build().toByteArray();
        }, executor);
    }

    /** The ids of one page and the token of the next. */
    record Page(List<String> ids, Optional<String> next) {
    }

    static Page page(List<String> sortedIds, String token, int requestedSize) {
        int size = requestedSize <= 0 ? DEFAULT_PAGE_SIZE : Math.min(requestedSize, MAX_PAGE_SIZE);
        int from = 0;
        while (from < sortedIds.size() && sortedIds.get(from).compareTo(token) < 0) {
            from++;
        }
        int to = Math.min(sortedIds.size(), from + size);
        Optional<String> next = to < sortedIds.size() ? Optional.of(sortedIds.get(to)) : Optional.empty();
        return new Page(sortedIds.subList(from, to), next);
    }

    private CompletableFuture<Optional<DescribeNamespaceResponse>> describe(Principal principal, String namespace,
            Metadata headers, Context trace, Deadline deadline) {
        return directory.lookup(namespace).toCompletableFuture().thenCompose(found -> {
            if (found.isEmpty() || found.get().state() != NamespaceRoute.State.ACTIVE) {
                return CompletableFuture.completedFuture(Optional.<DescribeNamespaceResponse>empty());
            }
            NamespaceRoute route = found.get();
            limiter.acquire(namespace, route.actionsPerSecond(), route.requestsPerSecond(), false).ifPresent(e -> {
                throw e;
            });
            Metadata outgoing = ForwardedMetadata.build(headers, principal, settings.internalToken(), trace);
            outgoing.discardAll(ForwardedMetadata.TEMPORAL_NAMESPACE);
            outgoing.put(ForwardedMetadata.TEMPORAL_NAMESPACE, namespace);
            CompletableFuture<Optional<DescribeNamespaceResponse>> result = new CompletableFuture<>();
            ClientCalls.asyncUnaryCall(
                    ClientInterceptors.intercept(channels.forEndpoint(route.cellEndpoint()),
                                    MetadataUtils.newAttachHeadersInterceptor(outgoing))
                            .newCall(WorkflowServiceGrpc.getDescribeNamespaceMethod(),
                                    CallOptions.DEFAULT.withDeadline(deadline)),
                    DescribeNamespaceRequest.newBuilder().setNamespace(namespace).build(),
                    new StreamObserver<>() {
                        @Override
                        public void onNext(DescribeNamespaceResponse value) {
                            result.complete(Optional.of(value));
                        }

                        @Override
                        public void onError(Throwable t) {
                            // One cell's trouble should not hide the caller's other namespaces.
                            LOG.warnf("ListNamespaces: DescribeNamespace %s on cell %s failed: %s", namespace,
                                    route.cellId(), Status.fromThrowable(t));
                            result.complete(Optional.empty());
                        }

                        @Override
                        public void onCompleted() {
                            result.complete(Optional.empty());
                        }
                    });
            return result;
        });
    }
}
