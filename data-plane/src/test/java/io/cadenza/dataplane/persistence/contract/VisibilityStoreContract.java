package io.cadenza.dataplane.persistence.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.dataplane.common.ExecutionKey;
import io.cadenza.dataplane.persistence.ExecutionUpdate;
import io.cadenza.dataplane.persistence.StartDecision;
import io.cadenza.dataplane.persistence.VisibilityStore;
import io.cadenza.dataplane.visibility.InvalidQueryException;
import io.cadenza.dataplane.visibility.PageToken;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link VisibilityStore} contract: filters select the namespace's runs only, pages follow the sort order by
 * keyset without skipping or repeating a run (even one started between pages), counts group by status.
 */
public abstract class VisibilityStoreContract extends StoreContract {

    private VisibilityStore visibility;
    private StoreBackend.Instance instance;
    private String ns;
    private int shard;
    /** Workflow id to run, in creation order. */
    private final Map<String, ExecutionKey> runs = new LinkedHashMap<>();

    @BeforeEach
    void runsOfTwoNamespaces() {
        visibility = backend().visibility();
        instance = backend().instance("visibility");
        ns = freshNamespace();
        shard = freshShard();
        await(instance.leases().acquire(shard));
        // wf-0 .. wf-6 started a second apart; wf-3 and wf-5 completed; a same-named run in another namespace.
        for (int i = 0; i < 7; i++) {
            start(ns, "wf-" + i, i % 2 == 0 ? "Order" : "Invoice", 1_000_000 + i * 1_000L);
        }
        for (String done : List.of("wf-3", "wf-5")) {
            await(instance.executions().update(new ExecutionUpdate(runs.get(done), shard, 1,
                    row(2, "Invoice", 1_000_000, 2_000_000), "done".getBytes(), events(2, 1), List.of(),
                    List.of())));
        }
        start(freshNamespace(), "wf-0", "Order", 1_000_000);
    }

    private void start(String namespaceId, String workflowId, String type, long startMillis) {
        ExecutionKey key = key(namespaceId, workflowId);
        await(instance.executions().create(newRun(key, shard, type, startMillis), c -> StartDecision.create()));
        if (namespaceId.equals(ns)) {
            runs.put(workflowId, key);
        }
    }

    private List<String> all(String query, int pageSize) {
        List<String> ids = new ArrayList<>();
        PageToken after = null;
        do {
            VisibilityStore.Page page = await(visibility.list(ns, query, Map.of(), after, pageSize));
            assertThat(page.executions().size()).isLessThanOrEqualTo(pageSize);
            page.executions().forEach(e -> ids.add(e.getExecution().getWorkflowId()));
            after = page.next();
        } while (after != null);
        return ids;
    }

    @Test
    void pagesFollowTheSortOrderWithoutSkippingOrRepeating() {
        List<String> expected = List.of("wf-6", "wf-5", "wf-4", "wf-3", "wf-2", "wf-1", "wf-0");
        assertThat(all("", 100)).as("newest first by default").isEqualTo(expected);
        for (int pageSize = 1; pageSize <= 4; pageSize++) {
            assertThat(all("", pageSize)).as("pages of %d", pageSize).isEqualTo(expected);
        }
        List<String> oldestFirst = new ArrayList<>(expected);
        java.util.Collections.reverse(oldestFirst);
        assertThat(all("ORDER BY StartTime ASC", 3)).isEqualTo(oldestFirst);
    }

    @Test
    void aRunStartedBetweenPagesDoesNotShiftTheNextPage() {
        VisibilityStore.Page first = await(visibility.list(ns, "", Map.of(), null, 3));
        start(ns, "wf-new", "Order", 9_000_000);
        VisibilityStore.Page second = await(visibility.list(ns, "", Map.of(), first.next(), 3));

        assertThat(first.executions()).extracting(e -> e.getExecution().getWorkflowId())
                .containsExactly("wf-6", "wf-5", "wf-4");
        assertThat(second.executions()).extracting(e -> e.getExecution().getWorkflowId())
                .containsExactly("wf-3", "wf-2", "wf-1");
    }

    @Test
    void filtersSelectRunsOfTheNamespaceAndReadBackTheirColumns() {
        assertThat(all("ExecutionStatus = 'Running' AND WorkflowType = 'Order'", 100))
                .containsExactly("wf-6", "wf-4", "wf-2", "wf-0");
        assertThat(all("ExecutionStatus = 'Completed'", 100)).containsExactly("wf-5", "wf-3");

        WorkflowExecutionInfo info = await(visibility.list(ns, "WorkflowId = 'wf-3'", Map.of(), null, 10))
                .executions().get(0);
        assertThat(info.getExecution().getRunId()).isEqualTo(runs.get("wf-3").runId());
        assertThat(info.getStatus().getNumber()).isEqualTo(2);
        assertThat(info.getTaskQueue()).isEqualTo("queue");
        assertThat(info.hasCloseTime()).isTrue();
    }

    @Test
    void countsGroupByStatus() {
        VisibilityStore.Count grouped = await(visibility.count(ns, "GROUP BY ExecutionStatus", Map.of()));
        VisibilityStore.Count total = await(visibility.count(ns, "WorkflowType = 'Order'", Map.of()));

        assertThat(grouped.total()).isEqualTo(7);
        assertThat(grouped.byStatus()).containsExactly(Map.entry(1, 5L), Map.entry(2, 2L));
        assertThat(total).isEqualTo(new VisibilityStore.Count(4, Map.of()));
    }

    @Test
    void anInvalidQueryIsRefusedBeforeAnythingRuns() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> visibility.list(ns, "NoSuchAttribute = 'x'",
                Map.of(), null, 10)).isInstanceOf(InvalidQueryException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> visibility.count(ns, "WorkflowId = ",
                Map.of())).isInstanceOf(InvalidQueryException.class);
    }
}
