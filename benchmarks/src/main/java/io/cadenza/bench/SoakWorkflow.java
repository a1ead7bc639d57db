package io.cadenza.bench;

import io.temporal.activity.ActivityInterface;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The soak's workflow: waits for a signal and an update (answering queries meanwhile), runs two activities in
 * parallel (one of
 * them fails its first attempt and is retried), sleeps, runs a child workflow, and for odd {@code n} continues as
 * new once. Its result follows from its input, so the harness checks every run.
 */
@WorkflowInterface
public interface SoakWorkflow {

    String TASK_QUEUE = "soak";

    @WorkflowMethod
    String run(int n, int round, long carried, boolean approvals);

    @SignalMethod
    void go(String token);

    @QueryMethod
    String progress();

    /** The token of the {@code go} signal, or null before it: a query after the signal must see it. */
    @QueryMethod
    String signalledToken();

    /** Adds a bonus to the result (once; a negative bonus is rejected by the validator). */
    @UpdateMethod
    String addBonus(int bonus);

    @UpdateValidatorMethod(updateName = "addBonus")
    void validateBonus(int bonus);

    static int bonus(int n) {
        return n % 7;
    }

    /** What {@code addBonus(bonus(n))} returns. */
    static String expectedUpdateResult(int n) {
        return "bonus " + bonus(n) + " after token-" + n;
    }

    /** How run n ends: most complete; every tenth is cancelled, and another tenth terminated, while it waits. */
    enum Fate { COMPLETE, CANCEL, TERMINATE }

    static Fate fate(int n) {
        return switch (n % 10) {
            case 3 -> Fate.CANCEL;
            case 7 -> Fate.TERMINATE;
            default -> Fate.COMPLETE;
        };
    }

    /** Whether run n asks a person to approve it (on Cadenza; the test server has no inbox). */
    static boolean needsApproval(int n) {
        return n % 10 == 5;
    }

    /** What {@code run(n, 0, 0, approvals)} returns, through its continued run for odd n. */
    static String expected(int n) {
        long value = (long) n * n + (n + 1) + SoakChild.offset(n) + bonus(n);
        return "soak-" + n + "=" + value + (n % 2 == 1 ? "/continued" : "");
    }

    @WorkflowInterface
    interface SoakChild {
        @WorkflowMethod
        long add(int n);

        static long offset(int n) {
            return 1000L + n;
        }
    }

    @ActivityInterface
    interface SoakActivities {
        /** n + 1, failing the first attempt. */
        int flakyIncrement(int n);

        long square(int n);

        long offset(int n);

        /** n, after heartbeating three times. */
        int heartbeating(int n);
    }
}
