package io.cadenza.dataplane.persistence.sql;

import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.Function;

/**
 * Helpers of the SQL stores. Transactions here are not retried: a store is retried as a whole on SQLSTATE 40001 by
 * the {@link Retrying} decorator it is produced with ({@link SqlStores}).
 */
public final class SqlSupport {

    private SqlSupport() {
    }

    public static <T> Future<T> inTransaction(Pool pool, Function<SqlConnection, Future<T>> work) {
        return pool.withTransaction(work);
    }

    /** A serialization failure (40001, CockroachDB's "restart transaction") or a deadlock (40P01). */
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
