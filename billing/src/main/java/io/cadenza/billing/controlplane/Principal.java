package io.cadenza.billing.controlplane;

import java.time.Instant;

/** Who a tenant's bearer token belongs to, as the control plane's {@code /internal/v1/authenticate} answers. */
public record Principal(String principalType, String principalId, String displayName, String accountId,
                        String accountRole, Instant validUntil) {

    /** Owners, admins and finance admins see usage and invoices; owners and admins change the plan. */
    public boolean canSeeBilling() {
        return "owner".equals(accountRole) || "admin".equals(accountRole) || "finance-admin".equals(accountRole);
    }

    public boolean canChangePlan() {
        return "owner".equals(accountRole) || "admin".equals(accountRole);
    }

    public String who() {
        return principalType + ":" + principalId;
    }
}
