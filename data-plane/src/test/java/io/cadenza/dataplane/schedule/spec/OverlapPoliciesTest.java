package io.cadenza.dataplane.schedule.spec;

import static io.temporal.api.enums.v1.ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_ALLOW_ALL;
import static io.temporal.api.enums.v1.ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_BUFFER_ALL;
import static io.temporal.api.enums.v1.ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_BUFFER_ONE;
import static io.temporal.api.enums.v1.ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_CANCEL_OTHER;
import static io.temporal.api.enums.v1.ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP;
import static io.temporal.api.enums.v1.ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_TERMINATE_OTHER;
import static io.temporal.api.enums.v1.ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_UNSPECIFIED;
import static io.temporal.api.enums.v1.ScheduleOverlapPolicy.UNRECOGNIZED;
import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.dataplane.schedule.spec.OverlapPolicies.BufferOutcome;
import io.cadenza.dataplane.schedule.spec.OverlapPolicies.BufferedStart;
import io.cadenza.dataplane.schedule.spec.OverlapPolicies.Decision;
import io.cadenza.dataplane.schedule.spec.OverlapPolicies.Situation;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The overlap decision table and buffer processing, with the cases of Temporal's buffer_test.go. */
class OverlapPoliciesTest {

    record Job(int id, ScheduleOverlapPolicy policy) {
    }

    static List<Job> jobs(ScheduleOverlapPolicy policy) {
        return List.of(new Job(3, policy), new Job(5, policy), new Job(7, policy));
    }

    static BufferOutcome<Job> process(List<Job> buffer, boolean running) {
        return OverlapPolicies.processBuffer(buffer, running, Job::policy, SCHEDULE_OVERLAP_POLICY_UNSPECIFIED);
    }

    static List<Integer> ids(List<Job> jobs) {
        return jobs.stream().map(Job::id).toList();
    }

    @Test
    void theTableReadsLikeTheSpec() {
        assertThat(OverlapPolicies.decide(SCHEDULE_OVERLAP_POLICY_SKIP, Situation.IDLE)).isEqualTo(Decision.START);
        assertThat(OverlapPolicies.decide(SCHEDULE_OVERLAP_POLICY_SKIP, Situation.RUNNING)).isEqualTo(Decision.SKIP);
        assertThat(OverlapPolicies.decide(SCHEDULE_OVERLAP_POLICY_BUFFER_ONE, Situation.RUNNING))
                .isEqualTo(Decision.BUFFER);
        assertThat(OverlapPolicies.decide(SCHEDULE_OVERLAP_POLICY_BUFFER_ONE, Situation.RUNNING_BUFFER_OCCUPIED))
                .isEqualTo(Decision.SKIP);
        assertThat(OverlapPolicies.decide(SCHEDULE_OVERLAP_POLICY_BUFFER_ALL, Situation.RUNNING_BUFFER_OCCUPIED))
                .isEqualTo(Decision.BUFFER);
        assertThat(OverlapPolicies.decide(SCHEDULE_OVERLAP_POLICY_CANCEL_OTHER, Situation.RUNNING))
                .isEqualTo(Decision.CANCEL_RUNNING_THEN_START);
        assertThat(OverlapPolicies.decide(SCHEDULE_OVERLAP_POLICY_CANCEL_OTHER, Situation.START_CHOSEN))
                .isEqualTo(Decision.REPLACE_CHOSEN);
        assertThat(OverlapPolicies.decide(SCHEDULE_OVERLAP_POLICY_TERMINATE_OTHER, Situation.RUNNING))
                .isEqualTo(Decision.TERMINATE_RUNNING_THEN_START);
        for (Situation situation : Situation.values()) {
            assertThat(OverlapPolicies.decide(SCHEDULE_OVERLAP_POLICY_ALLOW_ALL, situation))
                    .isEqualTo(Decision.START_CONCURRENTLY);
            for (ScheduleOverlapPolicy policy : List.of(SCHEDULE_OVERLAP_POLICY_SKIP,
                    SCHEDULE_OVERLAP_POLICY_BUFFER_ONE, SCHEDULE_OVERLAP_POLICY_BUFFER_ALL,
                    SCHEDULE_OVERLAP_POLICY_CANCEL_OTHER, SCHEDULE_OVERLAP_POLICY_TERMINATE_OTHER)) {
                assertThat(OverlapPolicies.decide(policy, situation)).isNotNull();
            }
        }
    }

    @Test
    void policiesResolveToTheStartsThenTheSchedulesThenSkip() {
        assertThat(OverlapPolicies.resolve(SCHEDULE_OVERLAP_POLICY_BUFFER_ALL, SCHEDULE_OVERLAP_POLICY_ALLOW_ALL))
                .isEqualTo(SCHEDULE_OVERLAP_POLICY_BUFFER_ALL);
        assertThat(OverlapPolicies.resolve(SCHEDULE_OVERLAP_POLICY_UNSPECIFIED, SCHEDULE_OVERLAP_POLICY_ALLOW_ALL))
                .isEqualTo(SCHEDULE_OVERLAP_POLICY_ALLOW_ALL);
        assertThat(OverlapPolicies.resolve(SCHEDULE_OVERLAP_POLICY_UNSPECIFIED, SCHEDULE_OVERLAP_POLICY_UNSPECIFIED))
                .isEqualTo(SCHEDULE_OVERLAP_POLICY_SKIP);
        assertThat(OverlapPolicies.resolve(UNRECOGNIZED, null)).isEqualTo(SCHEDULE_OVERLAP_POLICY_SKIP);
    }

    @Test
    void anEmptyBufferDoesNothing() {
        BufferOutcome<Job> out = process(List.of(), false);
        assertThat(out.startConcurrently()).isEmpty();
        assertThat(out.start()).isEmpty();
        assertThat(out.newBuffer()).isEmpty();
        assertThat(out.cancelRunning()).isFalse();
        assertThat(out.terminateRunning()).isFalse();
    }

    @Test
    void skip() {
        BufferOutcome<Job> running = process(jobs(SCHEDULE_OVERLAP_POLICY_SKIP), true);
        assertThat(running.start()).isEmpty();
        assertThat(running.newBuffer()).isEmpty();
        assertThat(running.overlapSkipped()).isEqualTo(3);
        BufferOutcome<Job> idle = process(jobs(SCHEDULE_OVERLAP_POLICY_SKIP), false);
        assertThat(idle.start()).map(Job::id).contains(3);
        assertThat(idle.newBuffer()).isEmpty();
    }

    @Test
    void bufferOne() {
        BufferOutcome<Job> running = process(jobs(SCHEDULE_OVERLAP_POLICY_BUFFER_ONE), true);
        assertThat(running.start()).isEmpty();
        assertThat(ids(running.newBuffer())).containsExactly(3);
        assertThat(running.overlapSkipped()).isEqualTo(2);
        BufferOutcome<Job> idle = process(jobs(SCHEDULE_OVERLAP_POLICY_BUFFER_ONE), false);
        assertThat(idle.start()).map(Job::id).contains(3);
        assertThat(ids(idle.newBuffer())).containsExactly(5);
    }

    @Test
    void bufferAll() {
        BufferOutcome<Job> running = process(jobs(SCHEDULE_OVERLAP_POLICY_BUFFER_ALL), true);
        assertThat(running.start()).isEmpty();
        assertThat(ids(running.newBuffer())).containsExactly(3, 5, 7);
        BufferOutcome<Job> idle = process(jobs(SCHEDULE_OVERLAP_POLICY_BUFFER_ALL), false);
        assertThat(idle.start()).map(Job::id).contains(3);
        assertThat(ids(idle.newBuffer())).containsExactly(5, 7);
    }

    @Test
    void cancelOther() {
        BufferOutcome<Job> running = process(jobs(SCHEDULE_OVERLAP_POLICY_CANCEL_OTHER), true);
        assertThat(running.start()).isEmpty();
        assertThat(ids(running.newBuffer())).containsExactly(3, 5, 7);
        assertThat(running.cancelRunning()).isTrue();
        assertThat(running.terminateRunning()).isFalse();
        // 3 and 5 are never started: they would be cancelled at once
        BufferOutcome<Job> idle = process(jobs(SCHEDULE_OVERLAP_POLICY_CANCEL_OTHER), false);
        assertThat(idle.start()).map(Job::id).contains(7);
        assertThat(idle.newBuffer()).isEmpty();
        assertThat(idle.cancelRunning()).isFalse();
    }

    @Test
    void terminateOther() {
        BufferOutcome<Job> running = process(jobs(SCHEDULE_OVERLAP_POLICY_TERMINATE_OTHER), true);
        assertThat(ids(running.newBuffer())).containsExactly(3, 5, 7);
        assertThat(running.terminateRunning()).isTrue();
        assertThat(running.cancelRunning()).isFalse();
        BufferOutcome<Job> idle = process(jobs(SCHEDULE_OVERLAP_POLICY_TERMINATE_OTHER), false);
        assertThat(idle.start()).map(Job::id).contains(7);
        assertThat(idle.newBuffer()).isEmpty();
    }

    @Test
    void allowAll() {
        BufferOutcome<Job> out = process(jobs(SCHEDULE_OVERLAP_POLICY_ALLOW_ALL), false);
        assertThat(ids(out.startConcurrently())).containsExactly(3, 5, 7);
        assertThat(out.start()).isEmpty();
        assertThat(out.newBuffer()).isEmpty();
        assertThat(ids(process(jobs(SCHEDULE_OVERLAP_POLICY_ALLOW_ALL), true).startConcurrently()))
                .containsExactly(3, 5, 7);
    }

    @Test
    void unspecifiedStartsTakeTheSchedulesPolicyWhenProcessed() {
        List<Job> buffer = jobs(SCHEDULE_OVERLAP_POLICY_UNSPECIFIED);
        BufferOutcome<Job> out = OverlapPolicies.processBuffer(buffer, false, Job::policy,
                SCHEDULE_OVERLAP_POLICY_TERMINATE_OTHER);
        assertThat(out.start()).map(Job::id).contains(7);
        assertThat(out.newBuffer()).isEmpty();
        assertThat(out.terminateRunning()).isFalse();
    }

    @Test
    void mixedPoliciesCountSkipsByTheResolvedPolicy() {
        List<Job> buffer = List.of(new Job(3, SCHEDULE_OVERLAP_POLICY_SKIP), new Job(5,
                SCHEDULE_OVERLAP_POLICY_BUFFER_ONE), new Job(7, SCHEDULE_OVERLAP_POLICY_UNSPECIFIED),
                new Job(9, SCHEDULE_OVERLAP_POLICY_UNSPECIFIED));
        BufferOutcome<Job> out = OverlapPolicies.processBuffer(buffer, true, Job::policy,
                SCHEDULE_OVERLAP_POLICY_SKIP);
        assertThat(out.start()).isEmpty();
        assertThat(ids(out.newBuffer())).containsExactly(5);
        assertThat(out.overlapSkipped()).isEqualTo(3);
    }

    @Test
    void concurrentStartsAreWithheldWhileARunningActionIsBeingStopped() {
        List<Job> buffer = List.of(new Job(1, SCHEDULE_OVERLAP_POLICY_ALLOW_ALL),
                new Job(2, SCHEDULE_OVERLAP_POLICY_CANCEL_OTHER));
        BufferOutcome<Job> out = process(buffer, true);
        assertThat(out.startConcurrently()).isEmpty();
        assertThat(out.cancelRunning()).isTrue();
        assertThat(ids(out.newBuffer())).containsExactly(2);
    }

    @Test
    void aBufferOneScheduleOverTime() {
        // given a BUFFER_ONE schedule whose action runs longer than its period
        ScheduleOverlapPolicy policy = SCHEDULE_OVERLAP_POLICY_BUFFER_ONE;
        List<BufferedStart> buffer = new ArrayList<>();
        Instant t = Instant.parse("2024-01-01T00:00:00Z");
        // when the first time comes, nothing runs: it starts
        buffer.add(new BufferedStart(t, t, SCHEDULE_OVERLAP_POLICY_UNSPECIFIED, false));
        BufferOutcome<BufferedStart> first = OverlapPolicies.processBuffer(buffer, false, policy);
        assertThat(first.start()).map(BufferedStart::nominal).contains(t);
        // then two more times come while it runs: one is kept, one skipped
        buffer = new ArrayList<>(first.newBuffer());
        buffer.add(new BufferedStart(t.plusSeconds(60), t.plusSeconds(60), SCHEDULE_OVERLAP_POLICY_UNSPECIFIED,
                false));
        buffer.add(new BufferedStart(t.plusSeconds(120), t.plusSeconds(120), SCHEDULE_OVERLAP_POLICY_UNSPECIFIED,
                false));
        BufferOutcome<BufferedStart> whileRunning = OverlapPolicies.processBuffer(buffer, true, policy);
        assertThat(whileRunning.start()).isEmpty();
        assertThat(whileRunning.newBuffer()).extracting(BufferedStart::nominal).containsExactly(t.plusSeconds(60));
        assertThat(whileRunning.overlapSkipped()).isEqualTo(1);
        // and once it finishes, the kept one starts
        BufferOutcome<BufferedStart> after = OverlapPolicies.processBuffer(whileRunning.newBuffer(), false, policy);
        assertThat(after.start()).map(BufferedStart::nominal).contains(t.plusSeconds(60));
        assertThat(after.newBuffer()).isEmpty();
    }
}
