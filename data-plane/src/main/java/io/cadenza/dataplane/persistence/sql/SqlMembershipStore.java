package io.cadenza.dataplane.persistence.sql;

import io.cadenza.dataplane.cell.CellMember;
import io.cadenza.dataplane.cell.MembershipStore;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** {@link MembershipStore} in {@code cell_members}. */
class SqlMembershipStore implements MembershipStore {

    private final Pool pool;

    SqlMembershipStore(Pool pool) {
        this.pool = pool;
    }

    @Override
    public CompletionStage<Void> register(CellMember m) {
        return SqlSupport.inTransaction(pool, conn -> conn
                        .preparedQuery("DELETE FROM cell_members WHERE address = $1 AND id <> $2")
                        .execute(Tuple.of(m.address(), m.id()))
                        .compose(v -> conn.preparedQuery("INSERT INTO cell_members (id, address, started_at, "
                                        + "lease_expires_at) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO UPDATE SET "
                                        + "address = excluded.address, lease_expires_at = excluded.lease_expires_at")
                                .execute(Tuple.of(m.id(), m.address(), SqlSupport.time(m.startedAtMillis()),
                                        SqlSupport.time(m.leaseExpiresAtMillis())))))
                .<Void>mapEmpty().toCompletionStage();
    }

    @Override
    public CompletionStage<Boolean> renew(String memberId, long leaseExpiresAtMillis) {
        return pool.preparedQuery("UPDATE cell_members SET lease_expires_at = $2 WHERE id = $1")
                .execute(Tuple.of(memberId, SqlSupport.time(leaseExpiresAtMillis)))
                .map(rows -> rows.rowCount() == 1).toCompletionStage();
    }

    @Override
    public CompletionStage<List<CellMember>> all() {
        return pool.query("SELECT id, address, started_at, lease_expires_at FROM cell_members ORDER BY id")
                .execute()
                .map(rows -> {
                    List<CellMember> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new CellMember(r.getString(0), r.getString(1),
                                SqlSupport.millis(r.getOffsetDateTime(2)), SqlSupport.millis(r.getOffsetDateTime(3))));
                    }
                    return out;
                }).toCompletionStage();
    }

    @Override
    public CompletionStage<Void> deregister(String memberId) {
        return pool.preparedQuery("DELETE FROM cell_members WHERE id = $1").execute(Tuple.of(memberId))
                .<Void>mapEmpty().toCompletionStage();
    }

    @Override
    public CompletionStage<Integer> removeLapsed(long beforeMillis) {
        return pool.preparedQuery("DELETE FROM cell_members WHERE lease_expires_at < $1")
                .execute(Tuple.of(SqlSupport.time(beforeMillis)))
                .map(rows -> rows.rowCount()).toCompletionStage();
    }
}
