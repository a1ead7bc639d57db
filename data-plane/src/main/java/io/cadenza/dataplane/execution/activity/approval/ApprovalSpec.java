package io.cadenza.dataplane.execution.activity.approval;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A validated approval request. {@code normalized} is the request as the inbox stores and shows it (defaults
 * applied: priority, outcomes, form labels).
 */
public record ApprovalSpec(String title, int priority, long dueAtMillis, String assignee, List<String> candidateUsers,
                           List<String> candidateGroups, List<String> escalateTo, List<String> outcomes,
                           List<FormFieldSpec> form, ObjectNode normalized) {
}
