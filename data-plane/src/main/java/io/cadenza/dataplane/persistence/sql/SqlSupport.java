package io.cadenza.dataplane.persistence.sql;

import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.Function;
import org.jboss.logging.Logger;

/** Transactions with the retry CockroachDB requires: a transaction aborted with SQLSTATE 40001 is re-run. */
public final class SqlSupport {

    private static final Logger LOG = Logger.getLogger(SqlSupport.class);
    private static final int MAX_ATTEMPTS = 8;

    private SqlSupport() {
    }

    public static <T> Future<T> inTransaction(Pool pool, Function<SqlConnection, Future<T>> work) {
        return attempt(pool, work, 1);
    }

    /** Runs a single statement (its own implicit transaction), re-running it on SQLSTATE 40001. */
    public static <T> Future<T> retrying(java.util.function.Supplier<Future<T>> statement) {
        return retrying(statement, 1);
    }

    private static <T> Future<T> retrying(java.util.function.Supplier<Future<T>> statement, int attempt) {
        return statement.get().recover(e -> attempt < MAX_ATTEMPTS && isRetryable(e)
                ? retrying(statement, attempt + 1) : Future.failedFuture(e));
    }

    private static <T> Future<T> attempt(Pool pool, Function<SqlConnection, Future<T>> work, int attempt) {
        return pool.withTransaction(work).recover(e -> {
            if (attempt < MAX_ATTEMPTS && isRetryable(e)) {
                LOG.debugf("retrying transaction after %s (attempt %d)", e.getMessage(), attempt);
                return attempt(pool, work, attempt + 1);
            }
            return Future.failedFuture(e);
        });
    }

    public static boolean isRetryable(Throwable e) {
        return e instanceof PgException pg && ("40001".equals(pg.getSqlState()) || "40P01".equals(pg.getSqlState()));
    }

    public static boolean isUniqueViolation(Throwable e) {
        return e instanceof PgException pg && "23505".equals(pg.getSqlState());
    }

    public static OffsetDateTime time(long epochMillis) {
        return epochMillis == 0 ? null : OffsetDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
    }

    public static long millis(OffsetDateTime t) {
        return t == null ? 0 : t.toInstant().toEpochMilli();
    }
}
