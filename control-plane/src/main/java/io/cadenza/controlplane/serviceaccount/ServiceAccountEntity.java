package io.cadenza.controlplane.serviceaccount;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A machine identity of an account: a confidential Keycloak client {@code sa-<accountId>-<name>}. */
@Entity
@Table(name = "service_accounts")
public class ServiceAccountEntity extends PanacheEntityBase {
    @Id
    public String id;
    @Column(name = "account_id")
    public String accountId;
    public String name;
    public String description;
    @Column(name = "client_id")
    public String clientId;
    @Column(name = "keycloak_client_uuid")
    public String keycloakClientUuid;
    @Column(name = "account_role")
    public String accountRole;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
