package io.cadenza.dataplane.human.inbox;

import io.cadenza.dataplane.persistence.ExecutionUpdate;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Reads of the inbox and the changes people make that do not touch the workflow (claim, unclaim, assign,
 * comment): versioned conditional writes that append their audit entry with them. Changes that do touch the
 * workflow (completion, withdrawal, expiry, escalation) are written by the run's commit instead
 * ({@link ExecutionUpdate#inboxWrites()}).
 */
public interface InboxStore {

    /** The task with its audit trail, or null (also when it belongs to another namespace). */
    CompletionStage<InboxTask> find(String namespaceId, String taskId);

    /** Up to {@code pageSize + 1} tasks in (created_at, task_id) order, so the caller knows whether more follow. */
    CompletionStage<List<InboxTask>> list(InboxQuery query);

    /**
     * Applies a person's change if the task is still at {@code task.version()} and active; false if it moved on
     * (the caller re-reads and decides again).
     */
    CompletionStage<Boolean> change(InboxTask task, InboxTaskState state, String assignee, List<String> principals,
                                    long nowMillis, String actor, String action, JsonObject detail);
}
