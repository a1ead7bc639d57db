package io.cadenza.system.ui;

import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** Records one side-effect marker per step: a history longer than one page of the history API (1000 events). */
@WorkflowInterface
public interface LongHistoryWorkflow {

    @WorkflowMethod(name = "LongHistory")
    String run(int steps);

    class Impl implements LongHistoryWorkflow {
        @Override
        public String run(int steps) {
            int sum = 0;
            for (int i = 0; i < steps; i++) {
                int step = i;
                sum += Workflow.sideEffect(Integer.class, () -> step);
            }
            return "steps " + steps + " sum " + sum;
        }
    }
}
