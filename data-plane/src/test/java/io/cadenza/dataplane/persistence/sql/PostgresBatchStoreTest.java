package io.cadenza.dataplane.persistence.sql;

import io.cadenza.dataplane.persistence.contract.BatchStoreContract;
import io.cadenza.dataplane.persistence.contract.StoreBackend;

/** The {@link BatchStoreContract} on PostgreSQL. */
class PostgresBatchStoreTest extends BatchStoreContract {

    @Override
    protected StoreBackend backend() {
        return PostgresBackend.get();
    }
}
