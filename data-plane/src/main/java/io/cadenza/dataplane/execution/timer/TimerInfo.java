package io.cadenza.dataplane.execution.timer;

/** A user timer started by a StartTimer command. */
public final class TimerInfo {
    public String timerId;
    public long startedEventId;
    public long fireAtMillis;

    public TimerInfo() {
    }

    public TimerInfo(String timerId, long startedEventId, long fireAtMillis) {
        this.timerId = timerId;
        this.startedEventId = startedEventId;
        this.fireAtMillis = fireAtMillis;
    }
}
