package io.cadenza.dataplane.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/** Settings of a data-plane instance. */
@ConfigMapping(prefix = "cadenza")
public interface DataPlaneConfig {

    /** The cell this instance serves (shown in GetSystemInfo and logs). */
    @WithDefault("cell-1")
    String cellId();

    /** This instance's name in shard leases; defaults to a random id per process. */
    @WithDefault("${quarkus.uuid}")
    String instanceId();

    /**
     * Event loops that gRPC handlers run on (see {@code HandlerDispatch}); defaults to the number of processors.
     */
    Optional<Integer> handlerEventLoops();

    /** Number of shards executions hash to. Fixed for the life of a cell's database. */
    @WithDefault("16")
    int shards();

    /**
     * Namespaces created at start-up if missing (the dev default registers "default"). Empty in hosted cells, whose
     * namespaces come from the control plane.
     */
    @WithDefault("default")
    Optional<List<String>> bootstrapNamespaces();

    /**
     * Shared secret that internal callers (tenant gateway, control plane) send as gRPC metadata
     * {@code cadenza-internal-token}. When set, every call without it is refused; when unset (single-cell dev,
     * benchmarks) the cell accepts everyone.
     */
    Optional<String> internalToken();

    /** Retention of bootstrapped namespaces, in days. */
    @WithDefault("3")
    int bootstrapRetentionDays();

    /** Longest time a poll for tasks is parked before it is answered empty. */
    @WithDefault("60000")
    long longPollMillis();

    /** Executions kept in the in-memory cache before idle ones are evicted. */
    @WithDefault("20000")
    int executionCacheSize();

    /**
     * How long a closed run stays cached after it closed (for the client reading its result, a describe, a
     * dashboard refresh); later reads go to the store. Kept short: runs cached for longer than the gap between two
     * young collections are copied by each of them, which is what made the data plane's GC pauses grow with load.
     */
    @WithDefault("2000")
    long closedExecutionCacheMillis();

    /** Page size of history sent with a workflow task; the worker fetches the rest by page token. */
    @WithDefault("1000")
    int historyPageSize();

    /** Default workflow task timeout when a start request sets none. */
    @WithDefault("10000")
    long defaultWorkflowTaskTimeoutMillis();

    /** Version string advertised by GetSystemInfo. */
    Optional<String> serverVersion();

    /** Where the Temporal gRPC API listens (read by quarkus.grpc.server.* in application.properties). */
    Grpc grpc();

    /** Where health and internal HTTP endpoints listen. */
    Http http();

    /** Usage metering for billing (the usage outbox and its relay to Kafka; see data-plane/README.md). */
    Metering metering();

    /** Batch operations (StartBatchOperation; see data-plane/README.md). */
    Batch batch();

    /** The cell's instances: membership, shard assignment and forwarding (see data-plane/README.md, "Cells"). */
    Cell cell();

    interface Cell {
        /** How long a member's lease runs; an instance that has not renewed it for this long is gone. */
        @WithDefault("10000")
        long leaseMillis();

        /** How often an instance renews its lease and reconciles its shards with the live members. */
        @WithDefault("3000")
        long renewMillis();

        /**
         * The address ({@code host:port}) other instances reach this one's gRPC at; defaults to
         * {@code cadenza.grpc.host:cadenza.grpc.port}.
         */
        Optional<String> advertisedAddress();

        /** How long a shard being released waits for its updates in flight before it is given up anyway. */
        @WithDefault("5000")
        long releaseDrainMillis();
    }

    interface Batch {
        /**
         * The most operations per second one batch job applies, and its rate when the request sets none (Temporal:
         * dynamic config {@code worker.batcherRPS}, default 50, also the cap of {@code max_operations_per_second}).
         */
        @WithDefault("50")
        double maxOperationsPerSecond();

        /** Operations of one job in flight at once (Temporal: {@code worker.batcherConcurrency}, default 5). */
        @WithDefault("5")
        int concurrency();

        /**
         * Jobs a namespace may run at once; one more is refused with RESOURCE_EXHAUSTED (Temporal:
         * {@code frontend.MaxConcurrentBatchOperationPerNamespace}, default 1).
         */
        @WithDefault("1")
        int maxRunningPerNamespace();

        /** Attempts of an operation that fails for a transient reason (storage, shard moving) before it counts failed. */
        @WithDefault("5")
        int attempts();

        /** How often the runner looks for running jobs it does not run yet (after a restart, a shard taken over). */
        @WithDefault("1000")
        long scanMillis();
    }

    interface Grpc {
        /** Interface to bind; loopback by default. */
        @WithDefault("127.0.0.1")
        String host();

        @WithDefault("7233")
        int port();
    }

    interface Metering {
        /**
         * Whether billable actions and storage are written to {@code usage_outbox} and relayed to Kafka. Defaults
         * to on exactly when {@code kafka.bootstrap.servers} is set; off, nothing is written at all.
         */
        Optional<Boolean> enabled();

        /** Outbox rows the relay reads and publishes per round. */
        @WithDefault("256")
        int relayBatchSize();

        /** How long the relay waits before looking again when the outbox was empty or publishing failed. */
        @WithDefault("500")
        long relayIdleMillis();

        /** How often storage (bytes of histories, open and closed) is sampled; at most one sample per hour counts. */
        @WithDefault("900000")
        long storageSampleMillis();
    }

    interface Http {
        @WithDefault("7234")
        int port();
    }
}
