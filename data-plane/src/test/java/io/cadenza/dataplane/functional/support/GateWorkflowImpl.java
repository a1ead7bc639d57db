package io.cadenza.dataplane.functional.support;

import io.temporal.workflow.Workflow;

public class GateWorkflowImpl implements GateWorkflow {

    private String signalValue;

    @Override
    public String pass(String input) {
        Workflow.await(() -> signalValue != null);
        return input + ":" + signalValue;
    }

    @Override
    public void open(String value) {
        signalValue = value;
    }

    @Override
    public String state() {
        return signalValue == null ? "waiting" : "open";
    }
}
