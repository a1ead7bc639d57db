package io.cadenza.dataplane.persistence.sql;

import io.cadenza.dataplane.persistence.contract.VisibilityStoreContract;
import io.cadenza.dataplane.persistence.contract.StoreBackend;

/** The {@link VisibilityStoreContract} on PostgreSQL. */
class PostgresVisibilityStoreTest extends VisibilityStoreContract {

    @Override
    protected StoreBackend backend() {
        return PostgresBackend.get();
    }
}
