package io.cadenza.bench;

import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.util.concurrent.atomic.AtomicLong;

public class SoakActivitiesImpl implements SoakWorkflow.SoakActivities {

    /** First attempts that failed on purpose: each must be followed by a retry that succeeds. */
    final AtomicLong plannedFailures = new AtomicLong();

    @Override
    public int flakyIncrement(int n) {
        if (Activity.getExecutionContext().getInfo().getAttempt() == 1) {
            plannedFailures.incrementAndGet();
            throw ApplicationFailure.newFailure("first attempts fail on purpose", "Flaky");
        }
        return n + 1;
    }

    @Override
    public int heartbeating(int n) {
        for (int i = 0; i < 3; i++) {
            Activity.getExecutionContext().heartbeat(i);
        }
        return n;
    }

    @Override
    public long square(int n) {
        return (long) n * n;
    }

    @Override
    public long offset(int n) {
        return SoakWorkflow.SoakChild.offset(n);
    }
}
