package io.cadenza.dataplane.unit;

import static io.cadenza.dataplane.human.inbox.InboxTaskState.CLAIMED;
import static io.cadenza.dataplane.human.inbox.InboxTaskState.COMPLETED;
import static io.cadenza.dataplane.human.inbox.InboxTaskState.EXPIRED;
import static io.cadenza.dataplane.human.inbox.InboxTaskState.OPEN;
import static io.cadenza.dataplane.human.inbox.InboxTaskState.WITHDRAWN;
import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.dataplane.human.inbox.InboxTaskState;
import io.cadenza.dataplane.human.inbox.InboxTaskState.Event;
import org.junit.jupiter.api.Test;

class InboxTaskStateTest {

    @Test
    void closedTasksAcceptNothing() {
        for (InboxTaskState closed : new InboxTaskState[]{COMPLETED, WITHDRAWN, EXPIRED}) {
            for (Event e : Event.values()) {
                assertThat(InboxTaskState.TABLE.allows(closed, e)).as("%s on %s", e, closed).isFalse();
            }
        }
    }

    @Test
    void claimingAndGivingBack() {
        assertThat(InboxTaskState.TABLE.next(OPEN, Event.CLAIM)).isEqualTo(CLAIMED);
        assertThat(InboxTaskState.TABLE.next(CLAIMED, Event.UNCLAIM)).isEqualTo(OPEN);
        assertThat(InboxTaskState.TABLE.allows(OPEN, Event.UNCLAIM)).isFalse();
        assertThat(InboxTaskState.TABLE.next(CLAIMED, Event.COMPLETE)).isEqualTo(COMPLETED);
    }
}
