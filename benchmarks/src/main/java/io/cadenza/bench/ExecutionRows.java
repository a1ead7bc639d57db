package io.cadenza.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Synthetic closed workflow runs for {@link VisibilityBenchmark}, as lines of PostgreSQL's {@code COPY ... FROM STDIN}
 * text format for the columns {@link #COLUMNS} of {@code executions}, written the way data-plane/README.md says the
 * engine writes its visibility columns. The same seed and {@code now} give the same rows.
 *
 * <p>The spread: start times uniform over the {@link #SPREAD} before {@code now}; six workflow types with skewed
 * shares ({@code type-0} 30% down to {@code type-5} 8%), each on one of three task queues; statuses 88% Completed, 5%
 * Failed, 2% each Canceled, Terminated and TimedOut, 1% ContinuedAsNew; 5% of runs with a start delay of up to 10
 * minutes; run durations log-uniform from 50 ms to 2 h; {@code CustomKeywordField} {@code cust-<i % 5000>}.
 */
final class ExecutionRows {

    static final String COLUMNS = "namespace_id, workflow_id, run_id, shard_id, db_version, status, workflow_type, "
            + "task_queue, start_time, execution_time, close_time, history_length, state, search_attributes, "
            + "execution_duration_ms";
    static final Duration SPREAD = Duration.ofDays(30);
    static final int CUSTOMERS = 5000;
    static final int TASK_QUEUES = 3;
    /** The engine's default {@code cadenza.shards}; rows hash to shards like {@code ShardOwnership.shardOf}. */
    static final int SHARDS = 16;

    /** Share of each workflow type {@code type-<index>}, in percent. */
    private static final int[] TYPE_PERCENT = {30, 25, 15, 12, 10, 8};
    /** WorkflowExecutionStatus numbers: Completed, Failed, Canceled, Terminated, ContinuedAsNew, TimedOut. */
    private static final int[] STATUS = {2, 3, 4, 5, 6, 7};
    /** Share of each of {@link #STATUS}, in percent. */
    private static final int[] STATUS_PERCENT = {88, 5, 2, 2, 1, 2};
    private static final long MIN_RUN_MILLIS = 50;
    private static final long MAX_RUN_MILLIS = Duration.ofHours(2).toMillis();
    private static final long MAX_START_DELAY_MILLIS = Duration.ofMinutes(10).toMillis();
    /** A minimal valid {@code state}: the bytes of {@code {}} as a COPY text bytea literal (List never reads it). */
    private static final String EMPTY_STATE = "\\\\x7b7d";

    private final String namespaceId;
    private final long nowMillis;
    private final SplittableRandom random;

    ExecutionRows(String namespaceId, Instant now, long seed) {
        this.namespaceId = namespaceId;
        this.nowMillis = now.toEpochMilli();
        this.random = new SplittableRandom(seed);
    }

    /** Appends row {@code i} (call with 0, 1, 2, ... in order) as one COPY line, newline included. */
    void append(int i, StringBuilder out) {
        String workflowId = "visbench-" + i;
        int type = pick(TYPE_PERCENT);
        int status = STATUS[pick(STATUS_PERCENT)];
        // Latest start leaves room for the longest delay and run, so every close time lies in the past.
        long latestStart = nowMillis - MAX_START_DELAY_MILLIS - MAX_RUN_MILLIS - 1000;
        long start = latestStart - random.nextLong(SPREAD.toMillis() - MAX_START_DELAY_MILLIS - MAX_RUN_MILLIS);
        long execution = random.nextInt(100) < 5 ? start + random.nextLong(MAX_START_DELAY_MILLIS) : start;
        double logMin = Math.log(MIN_RUN_MILLIS);
        long duration = Math.round(Math.exp(logMin + random.nextDouble() * (Math.log(MAX_RUN_MILLIS) - logMin)));
        long close = execution + duration;
        long historyLength = 5 + random.nextInt(300);
        out.append(namespaceId).append('\t')
                .append(workflowId).append('\t')
                .append(runId()).append('\t')
                .append(Math.floorMod((namespaceId + "/" + workflowId).hashCode(), SHARDS)).append('\t')
                .append(1).append('\t')
                .append(status).append('\t')
                .append("type-").append(type).append('\t')
                .append("queue-").append(type % TASK_QUEUES).append('\t')
                .append(Instant.ofEpochMilli(start)).append('\t')
                .append(Instant.ofEpochMilli(execution)).append('\t')
                .append(Instant.ofEpochMilli(close)).append('\t')
                .append(historyLength).append('\t')
                .append(EMPTY_STATE).append('\t')
                .append("{\"CustomKeywordField\": \"cust-").append(i % CUSTOMERS).append("\"}").append('\t')
                .append(close - execution).append('\n');
    }

    /** A version-4 UUID from this generator's random numbers. */
    private String runId() {
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(most, least).toString();
    }

    /** An index into {@code percents} (which add up to 100), drawn with those shares. */
    private int pick(int[] percents) {
        int roll = random.nextInt(100);
        for (int index = 0; index < percents.length; index++) {
            roll -= percents[index];
            if (roll < 0) {
                return index;
            }
        }
        return percents.length - 1;
    }
}
