package io.cadenza.dataplane.persistence.sql;

import io.cadenza.dataplane.persistence.contract.StandaloneActivityStoreContract;
import io.cadenza.dataplane.persistence.contract.StoreBackend;

/** The {@link StandaloneActivityStoreContract} on PostgreSQL. */
class PostgresStandaloneActivityStoreTest extends StandaloneActivityStoreContract {

    @Override
    protected StoreBackend backend() {
        return PostgresBackend.get();
    }
}
