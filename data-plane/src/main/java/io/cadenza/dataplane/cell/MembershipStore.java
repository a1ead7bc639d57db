package io.cadenza.dataplane.cell;

import java.util.List;
import java.util.concurrent.CompletionStage;

/** The cell's membership table ({@code cell_members}): who serves the cell, and until when. */
public interface MembershipStore {

    /**
     * Registers (or re-registers) {@code member}; rows of earlier instances at the same address are removed: an
     * address is bound by one process at a time, so those instances are gone.
     */
    CompletionStage<Void> register(CellMember member);

    /** Extends the lease; false when the row is gone (removed as lapsed by another instance): register again. */
    CompletionStage<Boolean> renew(String memberId, long leaseExpiresAtMillis);

    /** Every row, live or lapsed. */
    CompletionStage<List<CellMember>> all();

    /** Removes the row (graceful shutdown). */
    CompletionStage<Void> deregister(String memberId);

    /** Removes rows whose lease lapsed before {@code beforeMillis} (housekeeping). */
    CompletionStage<Integer> removeLapsed(long beforeMillis);
}
