package io.cadenza.dataplane.grpc;

import io.cadenza.dataplane.config.DataPlaneConfig;
import io.cadenza.dataplane.persistence.ShardLeases;
import io.temporal.api.workflowservice.v1.GetClusterInfoResponse;
import io.temporal.api.workflowservice.v1.GetSystemInfoResponse;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What the cell tells SDKs about itself (GetSystemInfo, GetClusterInfo): the server version it speaks and the
 * capabilities SDKs switch behaviour on, the cell's id and shard count.
 */
@ApplicationScoped
public class ServerInfo {

    /** The Temporal server version whose API the cell serves (SDKs compare it to enable features). */
    static final String SERVER_VERSION = "1.27.0-cadenza";

    private final DataPlaneConfig config;
    private final ShardLeases shards;

    public ServerInfo(DataPlaneConfig config, ShardLeases shards) {
        this.config = config;
        this.shards = shards;
    }

    public GetSystemInfoResponse systemInfo() {
        return GetSystemInfoResponse.newBuilder()
                .setServerVersion(config.serverVersion().orElse(SERVER_VERSION))
                .setCapabilities(GetSystemInfoResponse.Capabilities.newBuilder()
                        .setSignalAndQueryHeader(true)
                        .setInternalErrorDifferentiation(true)
                        .setActivityFailureIncludeHeartbeat(true)
                        .setEncodedFailureAttributes(true)
                        .setUpsertMemo(true)
                        .setEagerWorkflowStart(true)
                        .setCountGroupByExecutionStatus(true)
                        .setSupportsSchedules(true)
                        .setSdkMetadata(true))
                .build();
    }

    public GetClusterInfoResponse clusterInfo() {
        return GetClusterInfoResponse.newBuilder()
                .setServerVersion(config.serverVersion().orElse(SERVER_VERSION))
                .setClusterId(config.cellId())
                .setClusterName("active")
                .setHistoryShardCount(shards.shardCount())
                .setPersistenceStore("postgres")
                .setVisibilityStore("postgres")
                .build();
    }
}
