package io.cadenza.bench;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** The benchmark's workflow: one activity call, so each run costs a start, two workflow tasks and one activity task. */
@WorkflowInterface
public interface EchoWorkflow {

    /** The workflow type name the benchmark starts through an untyped stub. */
    String TYPE = "EchoWorkflow";

    @WorkflowMethod
    String echo(String input);
}
