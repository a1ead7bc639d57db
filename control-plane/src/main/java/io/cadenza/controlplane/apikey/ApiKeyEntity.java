package io.cadenza.controlplane.apikey;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** An API key; only the SHA-256 of its token is stored. Deleted keys are kept (deleted_at) to explain a 401. */
@Entity
@Table(name = "api_keys")
public class ApiKeyEntity extends PanacheEntityBase {
    @Id
    public String id;
    @Column(name = "account_id")
    public String accountId;
    @Column(name = "owner_type")
    public String ownerType;
    @Column(name = "owner_id")
    public String ownerId;
    @Column(name = "display_name")
    public String displayName;
    public String description;
    @Column(name = "token_hash")
    public String tokenHash;
    @Column(name = "token_prefix")
    public String tokenPrefix;
    public boolean disabled;
    @Column(name = "expires_at")
    public Instant expiresAt;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "deleted_at")
    public Instant deletedAt;
}
