package io.cadenza.dataplane.persistence.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.dataplane.execution.activity.ActivityInfo;
import io.cadenza.dataplane.execution.standalone.StandaloneActivity;
import io.cadenza.dataplane.execution.standalone.StandaloneActivityStore;
import io.cadenza.dataplane.persistence.ConditionFailed;
import io.cadenza.dataplane.persistence.ShardOwnershipLost;
import io.cadenza.dataplane.persistence.VisibilityStore;
import io.temporal.api.common.v1.ActivityType;
import io.temporal.api.enums.v1.ActivityExecutionStatus;
import io.temporal.api.history.v1.ActivityTaskScheduledEventAttributes;
import io.temporal.api.taskqueue.v1.TaskQueue;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link StandaloneActivityStore} contract: one running run per activity id, updates conditional on the row
 * version, every write fenced by the shard lease.
 */
public abstract class StandaloneActivityStoreContract extends StoreContract {

    private StoreBackend.Instance instance;
    private StandaloneActivityStore store;
    private String ns;
    private int shard;

    @BeforeEach
    void ownAShard() {
        instance = backend().instance("activities");
        store = instance.standaloneActivities();
        ns = freshNamespace();
        shard = freshShard();
        await(instance.leases().acquire(shard));
    }

    private StandaloneActivity activity(String activityId, long runSeq, long scheduledMillis) {
        ActivityInfo info = new ActivityInfo();
        info.activityId = activityId;
        info.setAttributes(ActivityTaskScheduledEventAttributes.newBuilder().setActivityId(activityId)
                .setActivityType(ActivityType.newBuilder().setName("Charge"))
                .setTaskQueue(TaskQueue.newBuilder().setName("payments")).build());
        StandaloneActivity a = new StandaloneActivity();
        a.namespaceId = ns;
        a.activityId = activityId;
        a.runId = UUID.randomUUID().toString();
        a.runSeq = runSeq;
        a.startRequestId = "request-" + a.runId;
        a.activity = info;
        a.scheduleTimeMillis = scheduledMillis;
        a.executionTimeMillis = scheduledMillis;
        return a;
    }

    @Test
    void aRunIsInsertedOnceAndTheLatestRunOfAnIdIsFound() {
        StandaloneActivity first = activity("charge", 1, 1_000);
        await(store.insert(first, shard));

        Throwable again = failure(store.insert(activity("charge", 2, 2_000), shard));

        assertThat(again).as("the id already has a running run").isInstanceOf(ConditionFailed.class);
        StandaloneActivityStore.Stored latest = await(store.latest(ns, "charge"));
        assertThat(latest.activity().runId).isEqualTo(first.runId);
        assertThat(latest.dbVersion()).isEqualTo(1);
        assertThat(latest.shardId()).isEqualTo(shard);
        assertThat(await(store.load(ns, "charge", first.runId)).activity().activity.attributes().getActivityType()
                .getName()).isEqualTo("Charge");
        assertThat(await(store.latest(freshNamespace(), "charge"))).isNull();
    }

    @Test
    void anUpdateAppliesOnlyAtTheExpectedVersion() {
        StandaloneActivity a = activity("charge", 1, 1_000);
        await(store.insert(a, shard));
        a.status = ActivityExecutionStatus.ACTIVITY_EXECUTION_STATUS_COMPLETED_VALUE;
        a.closeTimeMillis = 3_000;

        await(store.update(a, shard, 1));
        Throwable stale = failure(store.update(a, shard, 1));

        assertThat(stale).isInstanceOf(ConditionFailed.class);
        StandaloneActivityStore.Stored stored = await(store.load(ns, "charge", a.runId));
        assertThat(stored.dbVersion()).isEqualTo(2);
        assertThat(stored.activity().status).isEqualTo(a.status);
        // A closed run no longer blocks a new run of its id.
        StandaloneActivity next = activity("charge", 2, 4_000);
        await(store.insert(next, shard));
        assertThat(await(store.latest(ns, "charge")).activity().runId).isEqualTo(next.runId);
        assertThat(await(store.deleteClosedBefore(ns, 3_500, 10))).isEqualTo(1);
        assertThat(await(store.load(ns, "charge", a.runId))).isNull();
    }

    @Test
    void aWriterWhoseShardWasTakenOverIsFencedOut() {
        StandaloneActivity a = activity("charge", 1, 1_000);
        await(store.insert(a, shard));
        await(backend().instance("other").leases().acquire(shard));

        assertThat(failure(store.update(a, shard, 1))).isInstanceOf(ShardOwnershipLost.class);
        assertThat(failure(store.insert(activity("refund", 1, 1_000), shard)))
                .isInstanceOf(ShardOwnershipLost.class);
        assertThat(failure(store.delete(ns, "charge", a.runId, shard))).isInstanceOf(ShardOwnershipLost.class);
        assertThat(await(store.load(ns, "charge", a.runId)).dbVersion()).isEqualTo(1);
        assertThat(await(store.latest(ns, "refund"))).isNull();
    }

    @Test
    void runningRunsOfAShardAreListedAndVisibilityPagesThem() {
        for (int i = 0; i < 5; i++) {
            await(store.insert(activity("a-" + i, 1, 1_000 + i * 1_000L), shard));
        }

        assertThat(await(store.running(shard))).extracting(r -> r[1])
                .containsExactlyInAnyOrder("a-0", "a-1", "a-2", "a-3", "a-4");
        StandaloneActivityStore.Page first = await(store.list(ns, "", Map.of(), null, 3));
        StandaloneActivityStore.Page second = await(store.list(ns, "", Map.of(), first.next(), 3));
        assertThat(first.activities()).extracting(x -> x.getActivityId()).containsExactly("a-4", "a-3", "a-2");
        assertThat(second.activities()).extracting(x -> x.getActivityId()).containsExactly("a-1", "a-0");
        assertThat(second.next()).isNull();
        assertThat(await(store.count(ns, "ActivityType = 'Charge'", Map.of())))
                .isEqualTo(new VisibilityStore.Count(5, Map.of()));
        assertThat(await(store.count(ns, "GROUP BY ExecutionStatus", Map.of())).byStatus())
                .containsExactly(Map.entry(ActivityExecutionStatus.ACTIVITY_EXECUTION_STATUS_RUNNING_VALUE, 5L));
    }
}
