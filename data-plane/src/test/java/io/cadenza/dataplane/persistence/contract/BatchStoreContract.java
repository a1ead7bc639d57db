package io.cadenza.dataplane.persistence.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cadenza.dataplane.common.ExecutionKey;
import io.cadenza.dataplane.persistence.BatchStore;
import io.cadenza.dataplane.persistence.BatchStore.BatchJob;
import io.cadenza.dataplane.persistence.BatchStore.Created;
import io.cadenza.dataplane.persistence.BatchStore.Outcome;
import io.cadenza.dataplane.persistence.BatchStore.Target;
import io.cadenza.dataplane.persistence.StartDecision;
import io.cadenza.dataplane.visibility.InvalidQueryException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.BatchOperationState;
import io.temporal.api.enums.v1.BatchOperationType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link BatchStore} contract: a job is created once with its targets resolved at creation (by query over the
 * namespace's runs, or from a list whose run-less entries name the current run), the namespace's running jobs are
 * capped, each target's outcome is recorded and counted once, and a job closes once.
 */
public abstract class BatchStoreContract extends StoreContract {

    private BatchStore store;
    private StoreBackend.Instance instance;
    private String ns;
    private int shard;

    @BeforeEach
    void setUp() {
        store = backend().batches();
        instance = backend().instance("batches");
        ns = freshNamespace();
        shard = freshShard();
        await(instance.leases().acquire(shard));
    }

    private BatchJob job(String jobId, long startMillis) {
        return new BatchJob(ns, jobId, shard, BatchOperationType.BATCH_OPERATION_TYPE_SIGNAL,
                BatchOperationState.BATCH_OPERATION_STATE_RUNNING, ("request of " + jobId).getBytes(), "reason",
                "identity", "", 10.0, startMillis, 0, 99, 99, 99);
    }

    private ExecutionKey start(String namespaceId, String workflowId, String type) {
        ExecutionKey key = key(namespaceId, workflowId);
        await(instance.executions().create(newRun(key, shard, type, 1_000), c -> StartDecision.create()));
        return key;
    }

    private static WorkflowExecution execution(String workflowId, String runId) {
        return WorkflowExecution.newBuilder().setWorkflowId(workflowId).setRunId(runId).build();
    }

    private Created create(BatchJob job, List<WorkflowExecution> executions, int maxRunning) {
        return await(store.create(job, null, Map.of(), executions, maxRunning));
    }

    private List<Target> pending(String jobId) {
        return await(store.pending(ns, jobId, 0, 100));
    }

    @Test
    void aListedJobIsStoredRunningWithItsTargetsInOrderAndARunlessTargetIsTheCurrentRun() {
        ExecutionKey current = start(ns, "wf-current", "Order");

        assertThat(create(job("job", 5_000), List.of(execution("wf-b", "run-b"), execution("wf-current", ""),
                execution("wf-missing", "")), 10)).isEqualTo(Created.CREATED);

        BatchJob stored = await(store.find(ns, "job")).orElseThrow();
        assertThat(stored.running()).isTrue();
        assertThat(stored.type()).isEqualTo(BatchOperationType.BATCH_OPERATION_TYPE_SIGNAL);
        assertThat(new String(stored.request())).isEqualTo("request of job");
        assertThat(stored.reason()).isEqualTo("reason");
        assertThat(stored.identity()).isEqualTo("identity");
        assertThat(stored.opsPerSecond()).isEqualTo(10.0);
        assertThat(stored.startMillis()).isEqualTo(5_000);
        assertThat(stored.closeMillis()).isZero();
        assertThat(stored.total()).as("counted from the targets").isEqualTo(3);
        assertThat(stored.completed()).isZero();
        assertThat(stored.failed()).isZero();
        assertThat(pending("job")).containsExactly(new Target(1, "wf-b", "run-b"),
                new Target(2, "wf-current", current.runId()), new Target(3, "wf-missing", ""));
        assertThat(await(store.find(ns, "other"))).isEmpty();
        assertThat(await(store.find(freshNamespace(), "job"))).as("another namespace's job").isEmpty();
    }

    @Test
    void aQueriedJobTargetsTheMatchingRunsOfItsNamespaceOnly() {
        ExecutionKey order1 = start(ns, "order-1", "Order");
        ExecutionKey order2 = start(ns, "order-2", "Order");
        start(ns, "invoice", "Invoice");
        start(freshNamespace(), "order-1", "Order");

        assertThat(await(store.create(job("job", 1_000), "WorkflowType = 'Order'", Map.of(), List.of(), 10)))
                .isEqualTo(Created.CREATED);

        assertThat(pending("job")).extracting(Target::workflowId, Target::runId).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("order-1", order1.runId()),
                org.assertj.core.groups.Tuple.tuple("order-2", order2.runId()));
        assertThat(pending("job")).extracting(Target::seq).containsExactly(1L, 2L);
        assertThat(await(store.find(ns, "job")).orElseThrow().total()).isEqualTo(2);
    }

    @Test
    void anInvalidQueryIsRefusedAndStoresNothing() {
        assertThatThrownBy(() -> store.create(job("job", 1_000), "NoSuchAttribute = 1", Map.of(), List.of(), 10))
                .isInstanceOf(InvalidQueryException.class);
        assertThat(await(store.find(ns, "job"))).isEmpty();
    }

    @Test
    void aJobIdIsCreatedOnceAndTheRunningJobsOfANamespaceAreCapped() {
        assertThat(create(job("a", 1_000), List.of(execution("wf", "r")), 2)).isEqualTo(Created.CREATED);
        assertThat(create(job("a", 2_000), List.of(), 2)).isEqualTo(Created.DUPLICATE_JOB_ID);
        assertThat(create(job("b", 2_000), List.of(), 2)).isEqualTo(Created.CREATED);
        assertThat(create(job("c", 3_000), List.of(execution("wf", "r")), 2)).isEqualTo(Created.TOO_MANY_RUNNING);
        assertThat(await(store.find(ns, "c"))).isEmpty();
        assertThat(pending("a")).as("the duplicate left the first job's targets alone").hasSize(1);

        assertThat(await(store.close(ns, "a", BatchOperationState.BATCH_OPERATION_STATE_COMPLETED, 4_000))).isTrue();
        assertThat(create(job("c", 5_000), List.of(), 2)).as("a closed job frees its place").isEqualTo(Created.CREATED);
        assertThat(create(job("a", 6_000), List.of(), 2)).as("a closed job's id stays taken")
                .isIn(Created.DUPLICATE_JOB_ID, Created.TOO_MANY_RUNNING);
    }

    @Test
    void anOutcomeIsRecordedAndCountedOnceAndPendingPagesAfterASeq() {
        create(job("job", 1_000), List.of(execution("a", "1"), execution("b", "2"), execution("c", "3"),
                execution("d", "4")), 10);

        await(store.record(ns, "job", 1, Outcome.DONE, null));
        await(store.record(ns, "job", 1, Outcome.FAILED, "again"));
        await(store.record(ns, "job", 3, Outcome.FAILED, "not found"));

        BatchJob stored = await(store.find(ns, "job")).orElseThrow();
        assertThat(stored.completed()).isEqualTo(1);
        assertThat(stored.failed()).isEqualTo(1);
        assertThat(pending("job")).extracting(Target::seq).containsExactly(2L, 4L);
        assertThat(await(store.pending(ns, "job", 2, 100))).extracting(Target::seq).containsExactly(4L);
        assertThat(await(store.pending(ns, "job", 0, 1))).extracting(Target::seq).containsExactly(2L);
    }

    @Test
    void aJobClosesOnceAndLeavesTheRunningJobs() {
        create(job("job", 1_000), List.of(), 10);
        assertThat(await(store.running())).extracting(BatchJob::namespaceId, BatchJob::jobId)
                .contains(org.assertj.core.groups.Tuple.tuple(ns, "job"));

        assertThat(await(store.close(ns, "job", BatchOperationState.BATCH_OPERATION_STATE_FAILED, 7_000))).isTrue();
        assertThat(await(store.close(ns, "job", BatchOperationState.BATCH_OPERATION_STATE_COMPLETED, 8_000)))
                .as("closed already").isFalse();

        BatchJob closed = await(store.find(ns, "job")).orElseThrow();
        assertThat(closed.state()).isEqualTo(BatchOperationState.BATCH_OPERATION_STATE_FAILED);
        assertThat(closed.closeMillis()).isEqualTo(7_000);
        assertThat(closed.running()).isFalse();
        assertThat(await(store.running())).noneMatch(j -> j.namespaceId().equals(ns));
        assertThat(await(store.close(ns, "missing", BatchOperationState.BATCH_OPERATION_STATE_FAILED, 7_000)))
                .isFalse();
    }

    @Test
    void aNamespacesJobsAreListedNewestFirstByKeyset() {
        for (String id : List.of("a", "b", "c")) {
            create(job(id, 1_000), List.of(), 10);
        }
        create(job("d", 2_000), List.of(), 10);

        assertThat(await(store.list(ns, 0, null, 10))).extracting(BatchJob::jobId)
                .containsExactly("d", "c", "b", "a");
        List<BatchJob> first = await(store.list(ns, 0, null, 2));
        assertThat(first).extracting(BatchJob::jobId).containsExactly("d", "c");
        BatchJob last = first.get(1);
        assertThat(await(store.list(ns, last.startMillis(), last.jobId(), 2))).extracting(BatchJob::jobId)
                .containsExactly("b", "a");
        assertThat(await(store.list(freshNamespace(), 0, null, 10))).isEmpty();
    }
}
