package io.cadenza.dataplane.execution.update;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.cadenza.dataplane.common.Protos;
import io.cadenza.dataplane.common.TransitionTable;
import io.temporal.api.update.v1.Outcome;
import io.temporal.api.update.v1.Request;

/** A workflow update: admitted (waiting for the workflow), accepted by its validator, then completed. */
public final class UpdateInfo {

    public enum Stage { ADMITTED, ACCEPTED, COMPLETED }

    public enum Event { ACCEPT, REJECT, COMPLETE, ABANDON }

    /** Rejection completes an update without it ever being accepted (and leaves no event in history). */
    public static final TransitionTable<Stage, Event> TABLE =
            TransitionTable.of("update", Stage.class, Event.class)
                    .add(Stage.ADMITTED, Event.ACCEPT, Stage.ACCEPTED)
                    .add(Stage.ADMITTED, Event.REJECT, Stage.COMPLETED)
                    .add(Stage.ADMITTED, Event.ABANDON, Stage.COMPLETED)
                    .add(Stage.ACCEPTED, Event.COMPLETE, Stage.COMPLETED)
                    .add(Stage.ACCEPTED, Event.ABANDON, Stage.COMPLETED);

    public String updateId;
    public Stage stage = Stage.ADMITTED;
    /** update.v1.Request bytes. */
    public byte[] request;
    public long acceptedEventId;
    /** update.v1.Outcome bytes, once completed. */
    public byte[] outcome;
    public long admittedAtMillis;

    /** The dispatch id of the workflow task that carries the request to the worker (in memory only). */
    @JsonIgnore public String deliveredIn;

    public void transition(Event event) {
        stage = TABLE.next(stage, event);
    }

    @JsonIgnore
    public Request requestProto() {
        return Protos.parse(Request.parser(), request, Request.getDefaultInstance());
    }

    @JsonIgnore
    public Outcome outcomeProto() {
        return Protos.parse(Outcome.parser(), outcome, null);
    }
}
