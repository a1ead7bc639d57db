package io.cadenza.system.ui;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.Map;

/** An expense claim that asks the managers for approval. */
@WorkflowInterface
public interface ExpenseWorkflow {
    @WorkflowMethod(name = "Expense")
    String run(Map<String, Object> claim);
}
