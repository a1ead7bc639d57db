package io.cadenza.dataplane.persistence.sql;

import io.cadenza.dataplane.persistence.contract.ShardLeasesContract;
import io.cadenza.dataplane.persistence.contract.StoreBackend;

/** The {@link ShardLeasesContract} on PostgreSQL. */
class PostgresShardLeasesTest extends ShardLeasesContract {

    @Override
    protected StoreBackend backend() {
        return PostgresBackend.get();
    }
}
