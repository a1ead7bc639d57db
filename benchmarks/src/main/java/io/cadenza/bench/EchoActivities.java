package io.cadenza.bench;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** The benchmark's only activity. */
@ActivityInterface
public interface EchoActivities {

    /** Returns its input: the benchmark measures the engine, not the activity. */
    @ActivityMethod
    String echo(String input);
}
