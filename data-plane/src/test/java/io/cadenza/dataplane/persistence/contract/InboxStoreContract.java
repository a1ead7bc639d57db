package io.cadenza.dataplane.persistence.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.dataplane.common.ExecutionKey;
import io.cadenza.dataplane.human.inbox.InboxQuery;
import io.cadenza.dataplane.human.inbox.InboxStore;
import io.cadenza.dataplane.human.inbox.InboxTask;
import io.cadenza.dataplane.human.inbox.InboxTaskState;
import io.cadenza.dataplane.persistence.ExecutionUpdate;
import io.cadenza.dataplane.persistence.InboxWrite;
import io.cadenza.dataplane.persistence.StartDecision;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link InboxStore} contract: tasks are created and closed by a run's commit, people's changes are conditional
 * on the task's version and leave an audit entry, lists page by (created, task id) and never cross namespaces.
 */
public abstract class InboxStoreContract extends StoreContract {

    private StoreBackend.Instance instance;
    private InboxStore inbox;
    private String ns;
    private int shard;
    private ExecutionKey run;
    private long version;

    @BeforeEach
    void aRunWithTasks() {
        instance = backend().instance("inbox");
        inbox = backend().inbox();
        ns = freshNamespace();
        shard = freshShard();
        await(instance.leases().acquire(shard));
        run = key(ns, "approvals");
        await(instance.executions().create(newRun(run, shard, "Expense", 1_000), c -> StartDecision.create()));
        version = 1;
    }

    /** Commits inbox writes with an update of the run, as the engine does. */
    private void commit(InboxWrite... writes) {
        await(instance.executions().update(new ExecutionUpdate(run, shard, version, row(1, "Expense", 1_000, 0),
                "state".getBytes(), List.of(), List.of(writes), List.of())));
        version++;
    }

    private InboxWrite.Insert task(String taskId, String title, long createdMillis) {
        return new InboxWrite.Insert(taskId, ns, run.workflowId(), run.runId(), 5, "act-" + taskId, "Expense", title,
                2, 0, 0, null, List.of("alice"), List.of("finance"), "{\"amount\":10}", createdMillis);
    }

    private InboxQuery query(List<String> principals, int pageSize, InboxTask after) {
        return new InboxQuery(ns, principals, null, null, null, null, null, pageSize,
                after == null ? null : after.createdAtMillis(), after == null ? null : after.taskId());
    }

    @Test
    void aTaskWrittenByARunsCommitIsFoundWithItsAuditTrailOnlyInItsNamespace() {
        String id = ns + "-t1";
        commit(task(id, "Pay", 10_000));

        InboxTask found = await(inbox.find(ns, id));

        assertThat(found.state()).isEqualTo(InboxTaskState.OPEN);
        assertThat(found.version()).isEqualTo(1);
        assertThat(found.principals()).containsExactlyInAnyOrder("user:alice", "group:finance");
        assertThat(found.audit()).extracting(InboxTask.AuditEntry::action).containsExactly("created");
        assertThat(await(inbox.find(freshNamespace(), id))).as("another namespace's task").isNull();
    }

    @Test
    void aChangeAppliesOnlyAtTheTasksVersionAndAppendsItsAuditEntry() {
        String id = ns + "-t1";
        commit(task(id, "Pay", 10_000));
        InboxTask open = await(inbox.find(ns, id));

        boolean claimed = await(inbox.change(open, InboxTaskState.CLAIMED, "alice",
                List.of("user:alice", "group:finance"), 20_000, "alice", "claimed", new JsonObject()));
        boolean stale = await(inbox.change(open, InboxTaskState.CLAIMED, "bob", List.of("user:bob"), 21_000, "bob",
                "claimed", new JsonObject()));

        assertThat(claimed).isTrue();
        assertThat(stale).as("a change from a stale read").isFalse();
        InboxTask now = await(inbox.find(ns, id));
        assertThat(now.state()).isEqualTo(InboxTaskState.CLAIMED);
        assertThat(now.assignee()).isEqualTo("alice");
        assertThat(now.version()).isEqualTo(2);
        assertThat(now.audit()).extracting(InboxTask.AuditEntry::seq).containsExactly(1L, 2L);
        assertThat(now.audit()).extracting(InboxTask.AuditEntry::actor).containsExactly("system", "alice");
    }

    @Test
    void aClosedTaskCannotBeChangedByPeople() {
        String id = ns + "-t1";
        commit(task(id, "Pay", 10_000));
        commit(new InboxWrite.Close(id, "withdrawn", null, "system", "workflow closed", 15_000));
        InboxTask closed = await(inbox.find(ns, id));

        boolean claimed = await(inbox.change(closed, InboxTaskState.CLAIMED, "alice", List.of("user:alice"), 20_000,
                "alice", "claimed", new JsonObject()));

        assertThat(closed.state()).isEqualTo(InboxTaskState.WITHDRAWN);
        assertThat(claimed).isFalse();
    }

    @Test
    void listsPageInCreationOrderAndShowOnlyWhatThePrincipalsMaySee() {
        for (int i = 0; i < 5; i++) {
            commit(task(ns + "-t" + i, "Pay " + i, 10_000 + (5 - i) * 1_000L));
        }
        commit(new InboxWrite.Insert(ns + "-hidden", ns, run.workflowId(), run.runId(), 9, "act-hidden", "Expense",
                "Secret", 2, 0, 0, null, List.of("carol"), List.of(), "{}", 1_000));

        List<String> seen = new ArrayList<>();
        InboxTask after = null;
        while (true) {
            List<InboxTask> page = await(inbox.list(query(List.of("group:finance"), 2, after)));
            page.stream().limit(2).forEach(t -> seen.add(t.taskId()));
            if (page.size() <= 2) {
                break;
            }
            after = page.get(1);
        }

        assertThat(seen).containsExactly(ns + "-t4", ns + "-t3", ns + "-t2", ns + "-t1", ns + "-t0");
        assertThat(await(inbox.list(query(null, 100, null)))).as("an admin sees every task of the namespace")
                .hasSize(6);
        assertThat(await(inbox.list(new InboxQuery(freshNamespace(), null, null, null, null, null, null, 100, null,
                null)))).isEmpty();
    }
}
