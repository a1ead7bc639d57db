package io.cadenza.dataplane.execution;

import io.cadenza.dataplane.common.ExecutionKey;
import io.cadenza.dataplane.testing.Poll;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wheel wakes a run once per registered deadline: a wake-up superseded by an earlier one, or cancelled because
 * the run closed, fires nothing (each such firing used to load the run, closed and evicted or not, from the store).
 * Every test ends on a marker run's wake-up scheduled after the others: the wheel fires in time order on one thread,
 * so when the marker fires the others have fired or been skipped.
 */
class TimerWheelTest {

    private final TimerWheel wheel = new TimerWheel(InstantSource.system());
    private final List<String> woken = new CopyOnWriteArrayList<>();
    private final CountDownLatch markerFired = new CountDownLatch(1);
    private static final ExecutionKey RUN = new ExecutionKey("ns", "wf", "run");
    private static final ExecutionKey MARKER = new ExecutionKey("ns", "marker", "run");

    TimerWheelTest() {
        wheel.onWakeup(key -> {
            woken.add(key.workflowId());
            if (key.equals(MARKER)) {
                markerFired.countDown();
            }
        });
    }

    @AfterEach
    void stop() {
        wheel.stop();
    }

    @Test
    void anEarlierDeadlineSupersedesALaterOne() throws Exception {
        long now = System.currentTimeMillis();
        wheel.schedule(RUN, now + 150);
        wheel.schedule(RUN, now + 30);
        awaitMarker(now + 300);
        assertThat(woken).containsExactly("wf", "marker");
    }

    @Test
    void aLaterDeadlineDoesNotPostponeAnEarlierOne() throws Exception {
        long now = System.currentTimeMillis();
        wheel.schedule(RUN, now + 30);
        wheel.schedule(RUN, now + 150);
        awaitMarker(now + 300);
        assertThat(woken).containsExactly("wf", "marker");
    }

    @Test
    void aCancelledWakeUpFiresNothing() throws Exception {
        long now = System.currentTimeMillis();
        wheel.schedule(RUN, now + 50);
        assertThat(wheel.isScheduled(RUN)).isTrue();
        wheel.cancel(RUN);
        assertThat(wheel.isScheduled(RUN)).isFalse();
        awaitMarker(now + 200);
        assertThat(woken).containsExactly("marker");
    }

    @Test
    void aRunWokenOnceCanBeScheduledAgain() throws Exception {
        long now = System.currentTimeMillis();
        wheel.schedule(RUN, now + 20);
        wheel.schedule(RUN, now + 20);
        awaitMarker(now + 150);
        wheel.schedule(RUN, System.currentTimeMillis() + 20);
        Poll.until(Duration.ofSeconds(10), () -> woken.size() == 3, "the second wake-up");
        assertThat(woken).containsExactly("wf", "marker", "wf");
    }

    private void awaitMarker(long atMillis) throws InterruptedException {
        wheel.schedule(MARKER, atMillis);
        assertThat(markerFired.await(10, TimeUnit.SECONDS)).as("marker wake-up").isTrue();
    }
}
