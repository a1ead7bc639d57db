package io.cadenza.dataplane.human.inbox;

import io.cadenza.dataplane.common.TransitionTable;
import java.util.Locale;

/**
 * Lifecycle of an inbox task. {@code CLAIMED} means it has an assignee. The terminal states are written only by
 * the run's commits (completion, cancellation, timeout, run close); everything else by the inbox API.
 */
public enum InboxTaskState {
    OPEN, CLAIMED, COMPLETED, WITHDRAWN, EXPIRED;

    public enum Event { CLAIM, UNCLAIM, ASSIGN, COMMENT, COMPLETE, WITHDRAW, EXPIRE, ESCALATE }

    public static final TransitionTable<InboxTaskState, Event> TABLE =
            TransitionTable.of("inbox task", InboxTaskState.class, Event.class)
                    .add(OPEN, Event.CLAIM, CLAIMED)
                    .add(OPEN, Event.ASSIGN, CLAIMED)
                    .add(OPEN, Event.COMMENT, OPEN)
                    .add(OPEN, Event.ESCALATE, OPEN)
                    .add(OPEN, Event.COMPLETE, COMPLETED)
                    .add(OPEN, Event.WITHDRAW, WITHDRAWN)
                    .add(OPEN, Event.EXPIRE, EXPIRED)
                    .add(CLAIMED, Event.CLAIM, CLAIMED)
                    .add(CLAIMED, Event.UNCLAIM, OPEN)
                    .add(CLAIMED, Event.ASSIGN, CLAIMED)
                    .add(CLAIMED, Event.COMMENT, CLAIMED)
                    .add(CLAIMED, Event.ESCALATE, CLAIMED)
                    .add(CLAIMED, Event.COMPLETE, COMPLETED)
                    .add(CLAIMED, Event.WITHDRAW, WITHDRAWN)
                    .add(CLAIMED, Event.EXPIRE, EXPIRED);

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static InboxTaskState fromJson(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }

    public boolean isActive() {
        return this == OPEN || this == CLAIMED;
    }
}
