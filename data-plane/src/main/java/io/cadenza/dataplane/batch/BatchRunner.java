package io.cadenza.dataplane.batch;

import io.cadenza.dataplane.config.DataPlaneConfig;
import io.cadenza.dataplane.namespace.NamespaceRegistry;
import io.cadenza.dataplane.persistence.BatchStore;
import io.cadenza.dataplane.persistence.BatchStore.BatchJob;
import io.cadenza.dataplane.persistence.ShardLeases;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Runs the cell's batch jobs: every running job whose shard this instance owns gets a {@link JobRun}, which works
 * through the job's pending targets at the job's rate. Jobs are found by a periodic scan of the store (so a job
 * resumes after a restart, where its last recorded outcome left it) and at once when one starts.
 */
@ApplicationScoped
public class BatchRunner {

    private static final Logger LOG = Logger.getLogger(BatchRunner.class);

    private final BatchStore store;
    private final BatchOperations operations;
    private final BatchRequests requests;
    private final NamespaceRegistry namespaces;
    private final ShardLeases shards;
    private final InstantSource clock;
    private final DataPlaneConfig.Batch config;
    private final Map<String, JobRun> active = new ConcurrentHashMap<>();
    private final AtomicBoolean scanning = new AtomicBoolean();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cadenza-batches");
        t.setDaemon(true);
        return t;
    });

    public BatchRunner(BatchStore store, BatchOperations operations, BatchRequests requests,
                       NamespaceRegistry namespaces, ShardLeases shards, InstantSource clock, DataPlaneConfig config) {
        this.store = store;
        this.operations = operations;
        this.requests = requests;
        this.namespaces = namespaces;
        this.shards = shards;
        this.clock = clock;
        this.config = config.batch();
    }

    void onStart(@Observes StartupEvent event) {
        timer.scheduleWithFixedDelay(this::scan, config.scanMillis(), config.scanMillis(), TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        timer.shutdownNow();
    }

    /** Looks for jobs to run now (a job was just started). */
    public void wake() {
        timer.execute(this::scan);
    }

    /** Stops the job's run on this instance, if it has one; the store says it is closed already. */
    public void stopped(String namespaceId, String jobId) {
        JobRun run = active.get(key(namespaceId, jobId));
        if (run != null) {
            run.stop();
        }
    }

    /** Stops the runs of jobs on a shard this instance gave up; the shard's next owner resumes them. */
    public void forgetShard(int shard) {
        active.forEach((k, run) -> {
            if (run.shardId() == shard) {
                run.stop();
                active.remove(k, run);
            }
        });
    }

    private void scan() {
        if (!scanning.compareAndSet(false, true)) {
            return;
        }
        store.running().whenComplete((jobs, e) -> {
            scanning.set(false);
            if (e != null) {
                LOG.warnf("looking for running batch jobs failed (retried in %d ms): %s", config.scanMillis(),
                        e.getMessage());
                return;
            }
            for (BatchJob job : jobs) {
                if (shards.owns(job.shardId()) && namespaces.isActive(job.namespaceId())) {
                    active.computeIfAbsent(key(job.namespaceId(), job.jobId()), k -> {
                        LOG.infof("running batch job %s of namespace %s (%d of %d targets handled)", job.jobId(),
                                job.namespaceId(), job.completed() + job.failed(), job.total());
                        JobRun run = new JobRun(job, requests.operation(job.request()), store, operations,
                                namespaces, clock, timer, config, () -> active.remove(k));
                        timer.execute(run::pump);
                        return run;
                    });
                }
            }
        });
    }

    private static String key(String namespaceId, String jobId) {
        return namespaceId + "/" + jobId;
    }
}
