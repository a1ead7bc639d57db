package io.cadenza.dataplane.persistence.sql;

import io.cadenza.dataplane.persistence.contract.UsageOutboxStoreContract;
import io.cadenza.dataplane.persistence.contract.StoreBackend;

/** The {@link UsageOutboxStoreContract} on PostgreSQL. */
class PostgresUsageOutboxStoreTest extends UsageOutboxStoreContract {

    @Override
    protected StoreBackend backend() {
        return PostgresBackend.get();
    }
}
