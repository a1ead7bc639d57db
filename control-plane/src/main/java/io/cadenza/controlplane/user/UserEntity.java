package io.cadenza.controlplane.user;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A person in one account; their Keycloak username is their email. */
@Entity
@Table(name = "users")
public class UserEntity extends PanacheEntityBase {
    @Id
    public String id;
    @Column(name = "account_id")
    public String accountId;
    public String email;
    @Column(name = "keycloak_user_id")
    public String keycloakUserId;
    @Column(name = "account_role")
    public String accountRole;
    /** Business groups within the account, comma-separated and sorted (see {@link UserGroups}). */
    @Column(name = "business_groups")
    public String businessGroups = "";
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
