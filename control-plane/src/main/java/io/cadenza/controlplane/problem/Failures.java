package io.cadenza.controlplane.problem;

import java.util.Optional;

/** Recognises database failures by SQLSTATE through wrapping exceptions (Hibernate, Vert.x). */
public final class Failures {
    private Failures() {
    }

    /** SQLSTATE of the first SQL failure in the cause chain. */
    public static Optional<String> sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof io.vertx.pgclient.PgException pg) {
                return Optional.ofNullable(pg.getSqlState());
            }
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                return Optional.of(sql.getSQLState());
            }
        }
        return Optional.empty();
    }

    /** CockroachDB (and PostgreSQL under SERIALIZABLE) ask the client to retry with SQLSTATE 40001. */
    public static boolean isRetryable(Throwable e) {
        return sqlState(e).filter("40001"::equals).isPresent();
    }

    public static boolean isUniqueViolation(Throwable e) {
        return sqlState(e).filter("23505"::equals).isPresent();
    }

    /** A problem hidden in the cause chain (e.g. thrown inside a transaction), or a unique violation as 409. */
    public static ProblemException asProblem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ProblemException p) {
                return p;
            }
        }
        if (isUniqueViolation(e)) {
            return ProblemException.conflict("The resource conflicts with one that already exists (it may have been "
                    + "created concurrently); list the resources and retry.");
        }
        return null;
    }
}
