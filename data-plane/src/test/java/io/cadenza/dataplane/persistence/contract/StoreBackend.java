package io.cadenza.dataplane.persistence.contract;

import io.cadenza.dataplane.execution.standalone.StandaloneActivityStore;
import io.cadenza.dataplane.human.inbox.InboxStore;
import io.cadenza.dataplane.metering.UsageOutboxStore;
import io.cadenza.dataplane.namespace.NamespaceStore;
import io.cadenza.dataplane.persistence.BatchStore;
import io.cadenza.dataplane.persistence.ExecutionStore;
import io.cadenza.dataplane.persistence.ShardLeases;
import io.cadenza.dataplane.persistence.VisibilityStore;
import io.cadenza.dataplane.schedule.ScheduleStore;

/**
 * A persistence backend under test: the stores exactly as the data plane is given them (decorated the same way).
 * PostgreSQL is one; CockroachDB would be another, running the same contract suites.
 */
public interface StoreBackend {

    /** The stores of one data-plane instance, with its own shard leases (several instances share one database). */
    record Instance(ShardLeases leases, ExecutionStore executions, StandaloneActivityStore standaloneActivities) {
    }

    /** A new instance named {@code instanceId}, owning no shard yet. */
    Instance instance(String instanceId);

    VisibilityStore visibility();

    NamespaceStore namespaces();

    ScheduleStore schedules();

    InboxStore inbox();

    UsageOutboxStore usageOutbox();

    BatchStore batches();
}
