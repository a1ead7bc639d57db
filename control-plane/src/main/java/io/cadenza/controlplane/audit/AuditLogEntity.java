package io.cadenza.controlplane.audit;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One control-plane change (or refused change) of an account. */
@Entity
@Table(name = "audit_logs")
public class AuditLogEntity extends PanacheEntityBase {
    @Id
    public String id;
    @Column(name = "account_id")
    public String accountId;
    public Instant at;
    public String principal;
    @Column(name = "principal_name")
    public String principalName;
    public String operation;
    @Column(name = "resource_id")
    public String resourceId;
    @Column(name = "client_ip")
    public String clientIp;
    public String result;
    @Column(name = "http_status")
    public int httpStatus;
    public String details;
}
