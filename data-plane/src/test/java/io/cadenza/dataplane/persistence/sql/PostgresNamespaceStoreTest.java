package io.cadenza.dataplane.persistence.sql;

import io.cadenza.dataplane.persistence.contract.NamespaceStoreContract;
import io.cadenza.dataplane.persistence.contract.StoreBackend;

/** The {@link NamespaceStoreContract} on PostgreSQL. */
class PostgresNamespaceStoreTest extends NamespaceStoreContract {

    @Override
    protected StoreBackend backend() {
        return PostgresBackend.get();
    }
}
