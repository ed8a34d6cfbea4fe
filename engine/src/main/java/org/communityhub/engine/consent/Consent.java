package org.communityhub.engine.consent;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.communityhub.engine.agency.Actor;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A client's consent to share with one partner: active from its first day to its last, until revoked. */
@Entity
@Table(name = "consent")
public class Consent {

  @Id
  private UUID id;
  private UUID clientId;
  private UUID partnerAgencyId;
  @JdbcTypeCode(SqlTypes.JSON)
  private List<ConsentCategory> categories;
  private LocalDate validFrom;
  private LocalDate validTo;
  private UUID recordedBy;
  private Instant recordedAt;
  private Instant revokedAt;
  private UUID revokedBy;
  private String revokeReason;
  @Version
  private long version;

  protected Consent() {}

  static Consent given(UUID clientId, ConsentRegistry.NewConsent request, Actor by, Instant now) {
    Consent consent = new Consent();
    consent.id = UUID.randomUUID();
    consent.clientId = clientId;
    consent.partnerAgencyId = request.partnerAgencyId();
    consent.categories = request.categories().stream().distinct().sorted().toList();
    consent.validFrom = request.validFrom();
    consent.validTo = request.validTo();
    consent.recordedBy = by.userId();
    consent.recordedAt = now;
    return consent;
  }

  /** Revoking twice keeps the first revocation. */
  void revoke(String reason, Actor by, Instant now) {
    if (revokedAt == null) {
      revokedAt = now;
      revokedBy = by.userId();
      revokeReason = reason.strip();
    }
  }

  public boolean activeOn(LocalDate day) {
    return revokedAt == null && !day.isBefore(validFrom) && (validTo == null || !day.isAfter(validTo));
  }

  public UUID id() { return id; }
  public UUID clientId() { return clientId; }
  public UUID partnerAgencyId() { return partnerAgencyId; }
  public List<ConsentCategory> categories() { return List.copyOf(categories); }
  public LocalDate validFrom() { return validFrom; }
  public LocalDate validTo() { return validTo; }
  public Instant recordedAt() { return recordedAt; }
  public Instant revokedAt() { return revokedAt; }
  public String revokeReason() { return revokeReason; }
}
