package io.cadenza.bench;

/** Returns its input. */
public class EchoActivitiesImpl implements EchoActivities {

    @Override
    public String echo(String input) {
        return input;
    }
}
