package io.cadenza.dataplane.execution.standalone;

import io.cadenza.dataplane.metering.UsageRecord;
import io.cadenza.dataplane.persistence.ConditionFailed;
import io.cadenza.dataplane.persistence.ShardOwnershipLost;
import io.cadenza.dataplane.persistence.VisibilityStore;
import io.cadenza.dataplane.visibility.PageToken;
import io.temporal.api.activity.v1.ActivityExecutionListInfo;
import io.temporal.api.enums.v1.IndexedValueType;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The durable state of standalone activity runs and their visibility. Every write carries the shard's fencing
 * token (failing with {@link ShardOwnershipLost} once the shard moved), and updates are conditional on the row
 * version (failing with {@link ConditionFailed}), so a former owner of the shard, or a stale cached copy, can never
 * overwrite a newer state.
 */
public interface StandaloneActivityStore {

    /** A stored run, its row version, and the shard it belongs to. */
    record Stored(StandaloneActivity activity, long dbVersion, int shardId) {
    }

    /** A page of runs and the token of the next page (null when this is the last). */
    record Page(List<ActivityExecutionListInfo> activities, PageToken next) {
    }

    /** The latest run of an activity id, or null. */
    CompletionStage<Stored> latest(String namespaceId, String activityId);

    /** One run, or null. */
    CompletionStage<Stored> load(String namespaceId, String activityId, String runId);

    /** Inserts a new run; fails with ConditionFailed when the id already has a running run or that run id. */
    default CompletionStage<Void> insert(StandaloneActivity a, int shardId) {
        return insert(a, shardId, List.of(), 0);
    }

    /**
     * Inserts a new run and, in the same statement, the usage rows it meters; fails with ConditionFailed when the id
     * already has a running run or that run id.
     */
    CompletionStage<Void> insert(StandaloneActivity a, int shardId, List<UsageRecord> usage, long nowMillis);

    /** Writes the run's new state if its row is still at {@code expectedVersion}. */
    default CompletionStage<Void> update(StandaloneActivity a, int shardId, long expectedVersion) {
        return update(a, shardId, expectedVersion, List.of(), 0);
    }

    /** Writes the run's new state, with the usage rows it meters, if its row is still at {@code expectedVersion}. */
    CompletionStage<Void> update(StandaloneActivity a, int shardId, long expectedVersion, List<UsageRecord> usage,
                                 long nowMillis);

    /** Deletes a run (under the shard's fence). */
    CompletionStage<Void> delete(String namespaceId, String activityId, String runId, int shardId);

    /** Retention: deletes up to {@code limit} runs that closed before the cutoff; completes with how many. */
    CompletionStage<Integer> deleteClosedBefore(String namespaceId, long closedBeforeMillis, int limit);

    /** (namespace id, activity id) of every running activity of a shard, for recovery. */
    CompletionStage<List<String[]>> running(int shardId);

    /**
     * A page of runs matching a visibility query over the activities' attributes (ActivityId, ActivityType, ...),
     * as {@link VisibilityStore#list}.
     */
    CompletionStage<Page> list(String namespaceId, String query, Map<String, IndexedValueType> attributes,
                               PageToken after, int pageSize);

    /** As {@link VisibilityStore#count}, grouped by ActivityExecutionStatus. */
    CompletionStage<VisibilityStore.Count> count(String namespaceId, String query,
                                                 Map<String, IndexedValueType> attributes);
}
