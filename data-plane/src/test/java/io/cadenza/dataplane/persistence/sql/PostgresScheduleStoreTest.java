package io.cadenza.dataplane.persistence.sql;

import io.cadenza.dataplane.persistence.contract.ScheduleStoreContract;
import io.cadenza.dataplane.persistence.contract.StoreBackend;

/** The {@link ScheduleStoreContract} on PostgreSQL. */
class PostgresScheduleStoreTest extends ScheduleStoreContract {

    @Override
    protected StoreBackend backend() {
        return PostgresBackend.get();
    }
}
