package io.cadenza.dataplane.persistence.sql;

import io.cadenza.dataplane.persistence.contract.ExecutionStoreContract;
import io.cadenza.dataplane.persistence.contract.StoreBackend;

/** The {@link ExecutionStoreContract} on PostgreSQL. */
class PostgresExecutionStoreTest extends ExecutionStoreContract {

    @Override
    protected StoreBackend backend() {
        return PostgresBackend.get();
    }
}
