package io.cadenza.controlplane.namespace;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An explicit grant of read, write or admin on one namespace to a user or service account. */
@Entity
@Table(name = "namespace_accesses")
public class NamespaceAccessEntity extends PanacheEntityBase {
    @Id
    public String id;
    @Column(name = "account_id")
    public String accountId;
    @Column(name = "principal_type")
    public String principalType;
    @Column(name = "principal_id")
    public String principalId;
    @Column(name = "namespace_id")
    public String namespaceId;
    public String permission;
}
