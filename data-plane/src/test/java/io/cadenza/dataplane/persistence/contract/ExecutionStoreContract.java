package io.cadenza.dataplane.persistence.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.dataplane.common.ExecutionKey;
import io.cadenza.dataplane.persistence.ConditionFailed;
import io.cadenza.dataplane.persistence.CurrentExecution;
import io.cadenza.dataplane.persistence.ExecutionStore;
import io.cadenza.dataplane.persistence.ExecutionUpdate;
import io.cadenza.dataplane.persistence.NewExecution;
import io.cadenza.dataplane.persistence.ShardOwnershipLost;
import io.cadenza.dataplane.persistence.StartDecision;
import io.cadenza.dataplane.persistence.StoredExecution;
import io.temporal.api.history.v1.HistoryEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@link ExecutionStore} contract: versioned conditional writes, the current-run pointer, history, fencing. */
public abstract class ExecutionStoreContract extends StoreContract {

    private StoreBackend.Instance instance;
    private ExecutionStore store;
    private int shard;
    private String ns;

    @BeforeEach
    void ownAShard() {
        instance = backend().instance("instance-a");
        store = instance.executions();
        shard = freshShard();
        ns = freshNamespace();
        await(instance.leases().acquire(shard));
    }

    private ExecutionUpdate update(ExecutionKey key, long expectedVersion, int status, String state,
                                   List<HistoryEvent> events) {
        return new ExecutionUpdate(key, shard, expectedVersion, row(status, "Order", 1_000, status == 1 ? 0 : 2_000),
                state.getBytes(), events, List.of(), List.of());
    }

    @Test
    void aCreatedRunLoadsAtVersionOneWithItsCurrentPointerAndHistory() {
        ExecutionKey key = key(ns, "wf");
        StartDecision decision = await(store.create(newRun(key, shard, "Order", 1_000), c -> StartDecision.create()));

        assertThat(decision.outcome()).isEqualTo(StartDecision.Outcome.CREATE);
        StoredExecution stored = await(store.load(key));
        assertState(stored.state(), "state of " + key.runId());
        assertThat(stored.dbVersion()).isEqualTo(1);
        assertThat(stored.shardId()).isEqualTo(shard);
        assertThat(await(store.current(ns, "wf")))
                .isEqualTo(new CurrentExecution(key.runId(), 1, "request-" + key.runId()));
        assertThat(await(store.readHistory(key, 1, 10))).extracting(HistoryEvent::getEventId).containsExactly(1L);
        assertThat(await(store.load(key(ns, "missing")))).isNull();
        assertThat(await(store.current(ns, "missing"))).isNull();
    }

    @Test
    void aSecondStartOfTheSameWorkflowIdIsDecidedOnTheCurrentRun() {
        ExecutionKey first = key(ns, "wf");
        await(store.create(newRun(first, shard, "Order", 1_000), c -> StartDecision.create()));
        ExecutionKey second = key(ns, "wf");
        AtomicReference<CurrentExecution> seen = new AtomicReference<>();

        StartDecision decision = await(store.create(newRun(second, shard, "Order", 2_000), current -> {
            seen.set(current);
            return current == null ? StartDecision.create() : StartDecision.useExisting(current.runId());
        }));

        assertThat(seen.get()).isEqualTo(new CurrentExecution(first.runId(), 1, "request-" + first.runId()));
        assertThat(decision).isEqualTo(StartDecision.useExisting(first.runId()));
        assertThat(await(store.load(second))).as("a refused start writes nothing").isNull();
        assertThat(await(store.current(ns, "wf")).runId()).isEqualTo(first.runId());
    }

    @Test
    void anUpdateAppliesOnlyAtTheExpectedVersion() {
        ExecutionKey key = key(ns, "wf");
        await(store.create(newRun(key, shard, "Order", 1_000), c -> StartDecision.create()));

        await(store.update(update(key, 1, 1, "v2", events(2, 2))));
        Throwable stale = failure(store.update(update(key, 1, 1, "stale", events(4, 1))));

        assertThat(stale).isInstanceOf(ConditionFailed.class);
        StoredExecution stored = await(store.load(key));
        assertState(stored.state(), "v2");
        assertThat(stored.dbVersion()).isEqualTo(2);
        assertThat(await(store.readHistory(key, 1, 10))).as("the stale update's events are not written")
                .extracting(HistoryEvent::getEventId).containsExactly(1L, 2L, 3L);
    }

    @Test
    void historyIsReadInOrderFromAnEventIdUpToALimit() {
        ExecutionKey key = key(ns, "wf");
        await(store.create(newRun(key, shard, "Order", 1_000), c -> StartDecision.create()));
        await(store.update(update(key, 1, 1, "v2", events(2, 9))));

        assertThat(await(store.readHistory(key, 4, 3))).extracting(HistoryEvent::getEventId)
                .containsExactly(4L, 5L, 6L);
        assertThat(await(store.readHistory(key, 9, 100))).extracting(HistoryEvent::getEventId)
                .containsExactly(9L, 10L);
    }

    @Test
    void closingARunUpdatesItsCurrentPointerAndContinuingMovesThePointerToTheSuccessor() {
        ExecutionKey key = key(ns, "wf");
        await(store.create(newRun(key, shard, "Order", 1_000), c -> StartDecision.create()));
        ExecutionKey successor = key(ns, "wf");

        await(store.updateAndContinue(update(key, 1, 6, "continued", events(2, 1)),
                newRun(successor, shard, "Order", 2_000)));

        assertThat(await(store.load(key)).dbVersion()).isEqualTo(2);
        assertThat(await(store.load(successor)).dbVersion()).isEqualTo(1);
        CurrentExecution current = await(store.current(ns, "wf"));
        assertThat(current.runId()).isEqualTo(successor.runId());
        assertThat(current.status()).isEqualTo(1);
    }

    @Test
    void aWriterWhoseShardWasTakenOverIsFencedOut() {
        ExecutionKey key = key(ns, "wf");
        await(store.create(newRun(key, shard, "Order", 1_000), c -> StartDecision.create()));
        StoreBackend.Instance other = backend().instance("instance-b");
        await(other.leases().acquire(shard));

        Throwable update = failure(store.update(update(key, 1, 1, "from the former owner", events(2, 1))));
        Throwable create = failure(store.create(newRun(key(ns, "wf-2"), shard, "Order", 1_000),
                c -> StartDecision.create()));

        assertThat(update).isInstanceOf(ShardOwnershipLost.class);
        assertThat(create).isInstanceOf(ShardOwnershipLost.class);
        assertThat(instance.leases().owns(shard)).as("the former owner learns it lost the shard").isFalse();
        assertState(await(store.load(key)).state(), "state of " + key.runId());
        assertThat(await(store.current(ns, "wf-2"))).isNull();
        // The new owner writes.
        await(other.executions().update(update(key, 1, 1, "from the new owner", events(2, 1))));
        assertState(await(other.executions().load(key)).state(), "from the new owner");
    }

    @Test
    void aShardNotAcquiredCannotBeWritten() {
        int notOwned = freshShard();
        Throwable create = failure(store.create(newRun(key(ns, "wf"), notOwned, "Order", 1_000),
                c -> StartDecision.create()));
        assertThat(create).isInstanceOf(ShardOwnershipLost.class);
    }

    @Test
    void retentionDeletesClosedRunsBeforeTheCutoffAndOpenRunsAreListed() {
        ExecutionKey open = key(ns, "open");
        ExecutionKey old = key(ns, "old");
        ExecutionKey recent = key(ns, "recent");
        for (ExecutionKey k : List.of(open, old, recent)) {
            await(store.create(newRun(k, shard, "Order", 1_000), c -> StartDecision.create()));
        }
        await(store.update(new ExecutionUpdate(old, shard, 1, row(2, "Order", 1_000, 5_000), "closed".getBytes(),
                events(2, 1), List.of(), List.of())));
        await(store.update(new ExecutionUpdate(recent, shard, 1, row(2, "Order", 1_000, 50_000),
                "closed".getBytes(), events(2, 1), List.of(), List.of())));

        List<ExecutionKey> deleted = await(store.deleteClosedBefore(ns, 10_000, 100));

        assertThat(deleted).containsExactly(old);
        assertThat(await(store.load(old))).isNull();
        assertThat(await(store.readHistory(old, 1, 10))).isEmpty();
        assertThat(await(store.current(ns, "old"))).isNull();
        assertThat(await(store.load(recent))).isNotNull();
        assertThat(await(store.openExecutions(ns, 100))).containsExactly(open);
        List<ExecutionKey> ofShard = new ArrayList<>(await(store.openExecutions(shard)));
        assertThat(ofShard).containsExactly(open);
    }
}
