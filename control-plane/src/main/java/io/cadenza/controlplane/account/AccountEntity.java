package io.cadenza.controlplane.account;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A tenant: owns users, service accounts, API keys and namespaces. Keycloak group {@code /accounts/<id>}. */
@Entity
@Table(name = "accounts")
public class AccountEntity extends PanacheEntityBase {
    @Id
    public String id;
    public String name;
    @Column(name = "name_key")
    public String nameKey;
    @Column(name = "created_at")
    public Instant createdAt;
}
