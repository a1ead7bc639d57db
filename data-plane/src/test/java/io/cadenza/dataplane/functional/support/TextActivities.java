package io.cadenza.dataplane.functional.support;

import io.temporal.activity.ActivityInterface;

/** Small pure activities; each implementation records who ran it so tests can tell workers apart. */
@ActivityInterface
public interface TextActivities {

    /** Activity type "Upper". */
    String upper(String text);
}
