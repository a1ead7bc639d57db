package io.cadenza.dataplane.functional.support;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** A workflow that blocks until it is opened by a signal: the simplest long-running workflow for tests. */
@WorkflowInterface
public interface GateWorkflow {

    /** Waits for {@link #open(String)} and returns {@code input + ":" + signal value}. */
    @WorkflowMethod
    String pass(String input);

    @SignalMethod
    void open(String value);

    /** "waiting" until the signal arrived, then "open". */
    @QueryMethod
    String state();
}
