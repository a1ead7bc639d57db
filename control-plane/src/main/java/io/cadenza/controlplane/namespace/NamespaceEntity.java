package io.cadenza.controlplane.namespace;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * A namespace and its desired state. The reconciler pushes the desired state to the cell until
 * {@code appliedVersion == specVersion}; {@code state} says whether tenants may use it.
 */
@Entity
@Table(name = "namespaces")
public class NamespaceEntity extends PanacheEntityBase {
    @Id
    public String id;
    @Column(name = "account_id")
    public String accountId;
    public String name;
    @Column(name = "cell_id")
    public String cellId;
    public String state;
    @Column(name = "retention_days")
    public int retentionDays;
    @Column(name = "search_attributes")
    public String searchAttributes;
    @Column(name = "applied_search_attributes")
    public String appliedSearchAttributes;
    @Column(name = "delete_protection")
    public boolean deleteProtection;
    @Column(name = "actions_per_second")
    public int actionsPerSecond;
    @Column(name = "requests_per_second")
    public int requestsPerSecond;
    @Column(name = "spec_version")
    public long specVersion;
    @Column(name = "applied_version")
    public long appliedVersion;
    @Column(name = "reconcile_attempts")
    public int reconcileAttempts;
    @Column(name = "next_reconcile_at")
    public Instant nextReconcileAt;
    @Column(name = "reconcile_lease_until")
    public Instant reconcileLeaseUntil;
    @Column(name = "last_error")
    public String lastError;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
