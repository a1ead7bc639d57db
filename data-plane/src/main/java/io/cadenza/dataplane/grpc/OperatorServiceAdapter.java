package io.cadenza.dataplane.grpc;

import io.cadenza.dataplane.api.NamespaceHandler;
import io.cadenza.dataplane.namespace.Namespace;
import io.cadenza.dataplane.namespace.NamespaceRegistry;
import io.cadenza.dataplane.visibility.SearchAttributeDefinitions;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.AddSearchAttributesResponse;
import io.temporal.api.operatorservice.v1.DeleteNamespaceRequest;
import io.temporal.api.operatorservice.v1.DeleteNamespaceResponse;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesResponse;
import io.temporal.api.operatorservice.v1.OperatorServiceGrpc;
import io.temporal.api.operatorservice.v1.RemoveSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.RemoveSearchAttributesResponse;
import java.time.InstantSource;
import java.util.concurrent.CompletionStage;

/** Temporal's OperatorService: custom search attributes per namespace, and namespace deletion. */
@GrpcService
public class OperatorServiceAdapter extends OperatorServiceGrpc.OperatorServiceImplBase {

    private final NamespaceRegistry namespaces;
    private final NamespaceHandler namespaceHandler;
    private final InstantSource clock;

    public OperatorServiceAdapter(NamespaceRegistry namespaces, NamespaceHandler namespaceHandler,
                                  InstantSource clock) {
        this.namespaces = namespaces;
        this.namespaceHandler = namespaceHandler;
        this.clock = clock;
    }

    @Override
    public void deleteNamespace(DeleteNamespaceRequest request, StreamObserver<DeleteNamespaceResponse> out) {
        reply(out, () -> namespaceHandler.delete(request));
    }

    @Override
    public void addSearchAttributes(AddSearchAttributesRequest request,
                                    StreamObserver<AddSearchAttributesResponse> out) {
        reply(out, () -> {
            Namespace ns = namespaces.byName(request.getNamespace());
            var updated = SearchAttributeDefinitions.add(ns.searchAttributes(), request.getSearchAttributesMap());
            return namespaces.update(ns.withSearchAttributes(updated, clock.millis()))
                    .thenApply(n -> AddSearchAttributesResponse.getDefaultInstance());
        });
    }

    @Override
    public void removeSearchAttributes(RemoveSearchAttributesRequest request,
                                       StreamObserver<RemoveSearchAttributesResponse> out) {
        reply(out, () -> {
            Namespace ns = namespaces.byName(request.getNamespace());
            var updated = SearchAttributeDefinitions.remove(ns.searchAttributes(), request.getSearchAttributesList());
            return namespaces.update(ns.withSearchAttributes(updated, clock.millis()))
                    .thenApply(n -> RemoveSearchAttributesResponse.getDefaultInstance());
        });
    }

    @Override
    public void listSearchAttributes(ListSearchAttributesRequest request,
                                     StreamObserver<ListSearchAttributesResponse> out) {
        reply(out, () -> {
            Namespace ns = namespaces.byName(request.getNamespace());
            return java.util.concurrent.CompletableFuture.completedFuture(ListSearchAttributesResponse.newBuilder()
                    .putAllCustomAttributes(ns.searchAttributes())
                    .putAllSystemAttributes(SearchAttributeDefinitions.SYSTEM)
                    .putAllSystemAttributes(SearchAttributeDefinitions.PREDEFINED)
                    .putStorageSchema("search_attributes", "jsonb")
                    .build());
        });
    }

    private static <T> void reply(StreamObserver<T> out, java.util.function.Supplier<CompletionStage<T>> call) {
        GrpcReplies.async(out, call);
    }
}
