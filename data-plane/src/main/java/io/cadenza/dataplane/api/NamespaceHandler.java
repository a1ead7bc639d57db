package io.cadenza.dataplane.api;

import io.cadenza.dataplane.common.Errors;
import io.cadenza.dataplane.common.Protos;
import io.cadenza.dataplane.namespace.Namespace;
import io.cadenza.dataplane.namespace.NamespaceRegistry;
import io.cadenza.dataplane.retention.NamespacePurger;
import io.temporal.api.enums.v1.ArchivalState;
import io.temporal.api.enums.v1.NamespaceState;
import io.temporal.api.namespace.v1.NamespaceConfig;
import io.temporal.api.namespace.v1.NamespaceInfo;
import io.temporal.api.operatorservice.v1.DeleteNamespaceRequest;
import io.temporal.api.operatorservice.v1.DeleteNamespaceResponse;
import io.temporal.api.replication.v1.ClusterReplicationConfig;
import io.temporal.api.replication.v1.NamespaceReplicationConfig;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.api.workflowservice.v1.DescribeNamespaceResponse;
import io.temporal.api.workflowservice.v1.ListNamespacesRequest;
import io.temporal.api.workflowservice.v1.ListNamespacesResponse;
import io.temporal.api.workflowservice.v1.RegisterNamespaceRequest;
import io.temporal.api.workflowservice.v1.UpdateNamespaceRequest;
import io.temporal.api.workflowservice.v1.UpdateNamespaceResponse;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/** Namespace RPCs of the Temporal API on this cell. */
@ApplicationScoped
public class NamespaceHandler {

    static final String CLUSTER = "active";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{1,254}");
    private static final long MIN_RETENTION_MILLIS = 24L * 3600 * 1000;
    private static final long MAX_RETENTION_MILLIS = 90L * 24 * 3600 * 1000;

    private final NamespaceRegistry namespaces;
    private final NamespacePurger purger;
    private final InstantSource clock;

    public NamespaceHandler(NamespaceRegistry namespaces, NamespacePurger purger, InstantSource clock) {
        this.namespaces = namespaces;
        this.purger = purger;
        this.clock = clock;
    }

    /**
     * OperatorService DeleteNamespace, by name or by id. Marks the namespace deleted durably, then answers while
     * {@link NamespacePurger} stops its schedules, terminates its runs and purges its data in the background.
     * From the answer on, every request on the namespace is NOT_FOUND; its name can be registered again once the
     * purge has finished (FAILED_PRECONDITION until then). Deleting a namespace that is being deleted is OK.
     * {@code namespace_delete_delay} is not supported: the row goes as soon as the data is gone.
     */
    public CompletableFuture<DeleteNamespaceResponse> delete(DeleteNamespaceRequest request) {
        String name = request.getNamespace();
        String id = request.getNamespaceId();
        if (name.isEmpty() && id.isEmpty()) {
            throw Errors.invalidArgument("Namespace is not set on request: set namespace or namespace_id.");
        }
        if (!name.isEmpty() && !id.isEmpty()) {
            throw Errors.invalidArgument("Only one of namespace and namespace_id may be set on request.");
        }
        Optional<Namespace> inProgress = name.isEmpty() ? namespaces.deletingById(id)
                : namespaces.deletingByName(name);
        if (inProgress.isPresent()) {
            purger.purge(inProgress.get());
            return CompletableFuture.completedFuture(deleted(inProgress.get()));
        }
        Namespace ns = name.isEmpty() ? namespaces.byId(id) : namespaces.byName(name);
        return namespaces.markDeleted(ns).thenApply(marked -> {
            purger.purge(marked);
            return deleted(marked);
        }).toCompletableFuture();
    }

    private static DeleteNamespaceResponse deleted(Namespace ns) {
        return DeleteNamespaceResponse.newBuilder().setDeletedNamespace(ns.name()).build();
    }

    public CompletableFuture<Void> register(RegisterNamespaceRequest request) {
        String name = request.getNamespace();
        if (!NAME.matcher(name).matches()) {
            throw Errors.invalidArgument("Namespace name must be 2-255 characters of letters, digits, '.', '_' "
                    + "or '-', starting with a letter or digit: '" + name + "'.");
        }
        long retention = Protos.millis(request.getWorkflowExecutionRetentionPeriod());
        if (retention == 0) {
            retention = MIN_RETENTION_MILLIS;
        }
        validateRetention(retention);
        return namespaces.register(name, request.getDescription(), request.getOwnerEmail(), retention,
                request.getDataMap()).thenApply(ns -> (Void) null).toCompletableFuture();
    }

    public DescribeNamespaceResponse describe(DescribeNamespaceRequest request) {
        Namespace ns = request.getId().isEmpty() ? namespaces.byName(request.getNamespace())
                : namespaces.byId(request.getId());
        return describe(ns);
    }

    public ListNamespacesResponse list(ListNamespacesRequest request) {
        List<Namespace> all = namespaces.all().stream().sorted(Comparator.comparing(Namespace::name)).toList();
        ListNamespacesResponse.Builder r = ListNamespacesResponse.newBuilder();
        all.forEach(ns -> r.addNamespaces(describe(ns)));
        return r.build();
    }

    public CompletableFuture<UpdateNamespaceResponse> update(UpdateNamespaceRequest request) {
        Namespace ns = namespaces.byName(request.getNamespace());
        long retention = ns.retentionMillis();
        if (request.hasConfig() && request.getConfig().hasWorkflowExecutionRetentionTtl()) {
            retention = Protos.millis(request.getConfig().getWorkflowExecutionRetentionTtl());
            validateRetention(retention);
        }
        String description = ns.description();
        String owner = ns.ownerEmail();
        Map<String, String> data = new HashMap<>(ns.data());
        if (request.hasUpdateInfo()) {
            if (!request.getUpdateInfo().getDescription().isEmpty()) {
                description = request.getUpdateInfo().getDescription();
            }
            if (!request.getUpdateInfo().getOwnerEmail().isEmpty()) {
                owner = request.getUpdateInfo().getOwnerEmail();
            }
            data.putAll(request.getUpdateInfo().getDataMap());
        }
        Namespace updated = new Namespace(ns.id(), ns.name(), description, owner, retention, data,
                ns.createdAtMillis(), clock.millis(), ns.searchAttributes());
        return namespaces.update(updated).thenApply(n -> {
            DescribeNamespaceResponse d = describe(n);
            return UpdateNamespaceResponse.newBuilder().setNamespaceInfo(d.getNamespaceInfo())
                    .setConfig(d.getConfig()).setReplicationConfig(d.getReplicationConfig()).build();
        }).toCompletableFuture();
    }

    private static void validateRetention(long retention) {
        if (retention < MIN_RETENTION_MILLIS || retention > MAX_RETENTION_MILLIS) {
            throw Errors.invalidArgument("Workflow execution retention must be between 1 and 90 days.");
        }
    }

    static DescribeNamespaceResponse describe(Namespace ns) {
        return DescribeNamespaceResponse.newBuilder()
                .setNamespaceInfo(NamespaceInfo.newBuilder().setName(ns.name()).setId(ns.id())
                        .setState(NamespaceState.NAMESPACE_STATE_REGISTERED).setDescription(ns.description())
                        .setOwnerEmail(ns.ownerEmail()).putAllData(ns.data()))
                .setConfig(NamespaceConfig.newBuilder()
                        .setWorkflowExecutionRetentionTtl(Protos.duration(ns.retentionMillis()))
                        .setHistoryArchivalState(ArchivalState.ARCHIVAL_STATE_DISABLED)
                        .setVisibilityArchivalState(ArchivalState.ARCHIVAL_STATE_DISABLED))
                .setReplicationConfig(NamespaceReplicationConfig.newBuilder().setActiveClusterName(CLUSTER)
                        .addClusters(ClusterReplicationConfig.newBuilder().setClusterName(CLUSTER)))
                .build();
    }
}
