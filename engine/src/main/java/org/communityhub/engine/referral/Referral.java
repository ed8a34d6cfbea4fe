package org.communityhub.engine.referral;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import org.communityhub.engine.agency.Actor;

/**
 * A partner's request that the HUB take a person on for one pathway. It guards its own decision: accepted
 * once (naming the client and the pathway opened) or rejected once (with a reason).
 */
@Entity
@Table(name = "referral")
public class Referral {

  @Id
  private UUID id;
  private UUID partnerAgencyId;
  private UUID referredBy;
  private String partnerReference;
  private UUID receivingAgencyId;
  private String pathwayCode;
  private String givenName;
  private String familyName;
  private LocalDate birthDate;
  private String phone;
  private String medicaidId;
  private String note;
  @Enumerated(EnumType.STRING)
  private ReferralStatus status;
  private Instant receivedAt;
  private Instant decidedAt;
  private UUID decidedBy;
  private String rejectReason;
  private UUID clientId;
  private UUID pathwayId;
  @Version
  private long version;

  protected Referral() {}

  static Referral received(NewReferral request, Actor partner, Instant now) {
    Referral referral = new Referral();
    referral.id = UUID.randomUUID();
    referral.partnerAgencyId = partner.agencyId();
    referral.referredBy = partner.userId();
    referral.partnerReference = request.partnerReference();
    referral.receivingAgencyId = request.receivingAgencyId();
    referral.pathwayCode = request.pathwayCode();
    referral.givenName = request.givenName().strip();
    referral.familyName = request.familyName().strip();
    referral.birthDate = request.birthDate();
    referral.phone = request.phone();
    referral.medicaidId = request.medicaidId();
    referral.note = request.note();
    referral.status = ReferralStatus.PENDING;
    referral.receivedAt = now;
    return referral;
  }

  void accept(UUID client, UUID pathway, Actor by, Instant now) {
    requirePending();
    status = ReferralStatus.ACCEPTED;
    clientId = client;
    pathwayId = pathway;
    decidedBy = by.userId();
    decidedAt = now;
  }

  void reject(String reason, Actor by, Instant now) {
    requirePending();
    status = ReferralStatus.REJECTED;
    rejectReason = reason.strip();
    decidedBy = by.userId();
    decidedAt = now;
  }

  private void requirePending() {
    if (status != ReferralStatus.PENDING) {
      throw new ReferralNotPending(id, status);
    }
  }

  /** The referring partner, the receiving agency's staff and HUB administrators see a referral. */
  boolean visibleTo(Actor actor) {
    return switch (actor.role()) {
      case HUB_ADMIN -> true;
      case PARTNER -> actor.agencyId().equals(partnerAgencyId);
      case CHW, SUPERVISOR -> actor.agencyId().equals(receivingAgencyId);
      case FUNDER -> false;
    };
  }

  public UUID id() { return id; }
  public UUID partnerAgencyId() { return partnerAgencyId; }
  public UUID referredBy() { return referredBy; }
  public Optional<String> partnerReference() { return Optional.ofNullable(partnerReference); }
  public UUID receivingAgencyId() { return receivingAgencyId; }
  public String pathwayCode() { return pathwayCode; }
  public String givenName() { return givenName; }
  public String familyName() { return familyName; }
  public LocalDate birthDate() { return birthDate; }
  public String phone() { return phone; }
  public String medicaidId() { return medicaidId; }
  public String note() { return note; }
  public ReferralStatus status() { return status; }
  public Instant receivedAt() { return receivedAt; }
  public Instant decidedAt() { return decidedAt; }
  public String rejectReason() { return rejectReason; }
  public Optional<UUID> clientId() { return Optional.ofNullable(clientId); }
  public Optional<UUID> pathwayId() { return Optional.ofNullable(pathwayId); }
}
