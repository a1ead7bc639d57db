package io.cadenza.dataplane.human.inbox;

import java.util.List;

/**
 * A page of tasks: {@code principals} restricts to tasks any of them may see (null: the whole namespace, for
 * admins); the other fields are optional filters. {@code after} is the keyset position (created_at, task_id).
 */
public record InboxQuery(String namespaceId, List<String> principals, List<String> states, Integer priority,
                         Long dueBeforeMillis, String workflowType, String titleContains, int pageSize,
                         Long afterCreatedMillis, String afterTaskId) {
}
