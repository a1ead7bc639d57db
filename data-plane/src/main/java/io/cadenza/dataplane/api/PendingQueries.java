package io.cadenza.dataplane.api;

import io.cadenza.dataplane.common.ExecutionKey;
import io.temporal.api.query.v1.WorkflowQuery;
import io.temporal.api.query.v1.WorkflowQueryResult;
import io.temporal.api.workflowservice.v1.RespondQueryTaskCompletedRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Queries waiting for a worker's answer (in memory: a query is a read and is never written anywhere).
 *
 * <p>As in Temporal's query registry, a query that arrives while its run has a workflow task scheduled or running is
 * <em>buffered</em>: it rides on that workflow task (or the next one), in the task's {@code queries} field, and the
 * worker answers it in RespondWorkflowTaskCompleted after applying the task's new events. So a query issued after a
 * signal, update or completion was accepted always sees it, and a query never reaches a worker with a history whose
 * newest events belong to a workflow task it has not run yet (issue 20: the SDK rebuilt its cached run from such a
 * history, and the workflow task that followed found the signal already consumed and stalled). Only when a run has no
 * workflow task outstanding is a query handed to a worker on its own ({@link State#DISPATCHED}).
 *
 * <p>A query's state changes only inside its run's update ({@code ExecutionManager.update} serialises them), so the
 * per-run sets below need no more than the map's own per-key locking.
 */
@ApplicationScoped
public class PendingQueries {

    /** Queries a run may hold waiting for a workflow task; more are refused so that a client cannot pile them up. */
    public static final int MAX_BUFFERED_PER_RUN = 100;

    /** Where a query is. */
    enum State {
        /** Waiting for a workflow task to carry it. */
        BUFFERED,
        /** Carried by the started workflow task {@link Query#attachedTo}; answered when that task completes. */
        ATTACHED,
        /** Handed to matching as a query task of its own; the first poll takes it. */
        DISPATCHED,
        /** A worker took it as a query task of its own. */
        TAKEN
    }

    static final class Query {
        final String id;
        final ExecutionKey key;
        final WorkflowQuery query;
        final CompletableFuture<RespondQueryTaskCompletedRequest> result = new CompletableFuture<>();
        volatile State state = State.BUFFERED;
        volatile String attachedTo;
        volatile String workflowType;
        volatile String taskQueue;

        Query(String id, ExecutionKey key, WorkflowQuery query) {
            this.id = id;
            this.key = key;
            this.query = query;
        }
    }

    private final Map<String, Query> byId = new ConcurrentHashMap<>();
    private final Map<ExecutionKey, LinkedHashSet<Query>> byRun = new ConcurrentHashMap<>();

    Query register(String id, ExecutionKey key, WorkflowQuery query) {
        Query q = new Query(id, key, query);
        byId.put(id, q);
        return q;
    }

    Query byId(String id) {
        return byId.get(id);
    }

    /** Buffers {@code q} behind the run's workflow task; false when the run already holds too many. */
    boolean buffer(Query q) {
        boolean[] accepted = {true};
        byRun.compute(q.key, (k, set) -> {
            LinkedHashSet<Query> s = set == null ? new LinkedHashSet<>() : set;
            if (!s.contains(q)) {
                if (s.size() >= MAX_BUFFERED_PER_RUN) {
                    accepted[0] = false;
                    return set;
                }
                s.add(q);
            }
            q.state = State.BUFFERED;
            q.attachedTo = null;
            return s;
        });
        return accepted[0];
    }

    /** Takes {@code q} out of its run's buffer: it is answered, abandoned or about to be dispatched on its own. */
    void unbuffer(Query q) {
        byRun.computeIfPresent(q.key, (k, set) -> {
            set.remove(q);
            return set.isEmpty() ? null : set;
        });
    }

    /** The caller is gone or answered: forgets the query. */
    void remove(Query q) {
        unbuffer(q);
        byId.remove(q.id);
    }

    /**
     * The run's workflow task {@code startToken} starts: every buffered query still awaited goes with it (also
     * those a failed or timed-out earlier attempt carried). Called inside the run's update.
     */
    List<Query> attach(ExecutionKey key, String startToken) {
        List<Query> carried = new ArrayList<>();
        byRun.computeIfPresent(key, (k, set) -> {
            set.removeIf(q -> q.result.isDone());
            for (Query q : set) {
                q.state = State.ATTACHED;
                q.attachedTo = startToken;
                carried.add(q);
            }
            return set.isEmpty() ? null : set;
        });
        return carried;
    }

    /**
     * The workflow task {@code startToken} completed with {@code results}: returns the answered queries with their
     * answers (completed by the caller after the commit); queries it carried but did not answer are buffered again.
     * Called inside the run's update.
     */
    List<Answer> answered(ExecutionKey key, String startToken, Map<String, WorkflowQueryResult> results) {
        List<Answer> answers = new ArrayList<>();
        byRun.computeIfPresent(key, (k, set) -> {
            set.removeIf(q -> {
                if (q.state != State.ATTACHED || !startToken.equals(q.attachedTo)) {
                    return false;
                }
                WorkflowQueryResult r = results.get(q.id);
                if (r == null) {
                    q.state = State.BUFFERED;
                    q.attachedTo = null;
                    return false;
                }
                answers.add(new Answer(q, r));
                return true;
            });
            return set.isEmpty() ? null : set;
        });
        return answers;
    }

    /** A worker's answer to a query that a workflow task carried. */
    record Answer(Query query, WorkflowQueryResult result) {

        /** Completes the caller's future with the answer, in the shape of a direct query's answer. */
        void complete() {
            RespondQueryTaskCompletedRequest.Builder b = RespondQueryTaskCompletedRequest.newBuilder()
                    .setCompletedType(result.getResultType())
                    .setErrorMessage(result.getErrorMessage());
            if (result.hasAnswer()) {
                b.setQueryResult(result.getAnswer());
            }
            if (result.hasFailure()) {
                b.setFailure(result.getFailure());
            }
            query.result.complete(b.build());
        }
    }
}
