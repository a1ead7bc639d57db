package io.cadenza.dataplane.execution.state;

/** What a run was started with; fixed for the run's lifetime. Times are epoch millis, 0 meaning unset. */
public final class ExecutionInfo {
    public String workflowType;
    public String taskQueue;
    public long startTimeMillis;
    /** When the first workflow task may run (start time plus any start delay / cron backoff). */
    public long executionTimeMillis;
    public long runTimeoutMillis;
    public long executionTimeoutMillis;
    public long workflowTaskTimeoutMillis;
    /** Absolute deadlines derived from the timeouts, 0 when there is none. */
    public long runExpirationMillis;
    public long executionExpirationMillis;
    public String startRequestId;
    public String firstRunId;
    /** The run this one continued (continue-as-new, cron, retry); null for the first run of a chain. */
    public String continuedFromRunId;
    public String identity;
    public int attempt = 1;
    /** Set for a child workflow (and carried to the runs it continues as). */
    public ParentRef parent;
    /** Fields a continue-as-new or cron successor inherits (proto bytes where noted). */
    public byte[] retryPolicy;
    public String cronSchedule;
    public byte[] header;
}
