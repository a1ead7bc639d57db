package io.cadenza.dataplane.persistence.sql;

import io.cadenza.dataplane.persistence.contract.InboxStoreContract;
import io.cadenza.dataplane.persistence.contract.StoreBackend;

/** The {@link InboxStoreContract} on PostgreSQL. */
class PostgresInboxStoreTest extends InboxStoreContract {

    @Override
    protected StoreBackend backend() {
        return PostgresBackend.get();
    }
}
