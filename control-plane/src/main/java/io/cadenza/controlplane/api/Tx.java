package io.cadenza.controlplane.api;

import io.cadenza.controlplane.problem.Failures;
import io.cadenza.controlplane.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.function.Supplier;

/**
 * Runs Hibernate Reactive work from blocking code (REST handlers and the reconciler run on worker threads).
 * Every call opens its own session on a fresh Vert.x duplicated context; write transactions are retried when the
 * database answers SQLSTATE 40001 (CockroachDB's "restart transaction"), so the work must be safe to repeat.
 */
@ApplicationScoped
public class Tx {
    private static final Logger LOG = Logger.getLogger(Tx.class);
    private static final int MAX_ATTEMPTS = 6;

    /** Runs {@code work} in a transaction and returns its result. */
    public <T> T write(Supplier<Uni<T>> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return await(() -> Panache.withTransaction(work::get));
            } catch (RuntimeException e) {
                if (!Failures.isRetryable(e) || attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
                LOG.debugf("Transaction conflict (40001), attempt %d; retrying", attempt);
                sleep(Math.min(500, 10L << attempt) + (long) (Math.random() * 10));
            }
        }
    }

    /** Runs read-only {@code work} in a session. */
    public <T> T read(Supplier<Uni<T>> work) {
        return await(() -> Panache.withSession(work::get));
    }

    private static <T> T await(Supplier<Uni<T>> uni) {
        try {
            return VertxContextSupport.subscribeAndAwait(uni::get);
        } catch (ProblemException e) {
            throw e;
        } catch (Throwable e) {
            ProblemException problem = Failures.asProblem(e);
            if (problem != null) {
                throw problem;
            }
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
