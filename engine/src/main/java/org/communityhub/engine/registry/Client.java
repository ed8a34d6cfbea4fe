package org.communityhub.engine.registry;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import org.communityhub.engine.agency.Actor;
import org.communityhub.engine.agency.Role;
import org.communityhub.engine.support.InvalidInput;

/** A client of the HUB, enrolled with one agency, identified for the duplicate check by name keys. */
@Entity
@Table(name = "client")
public class Client {

  @Id
  private UUID id;
  private UUID agencyId;
  private String givenName;
  private String familyName;
  private String nameKey;
  private LocalDate birthDate;
  private String phone;
  private String phoneKey;
  private String medicaidId;
  private UUID payerId;
  private String coverageMemberId;
  private String duplicateOverrideReason;
  private UUID assignedUserId;
  private UUID mergedInto;
  private Instant createdAt;
  @Version
  private long version;

  protected Client() {}

  static Client register(ClientRegistration registration, Actor registeredBy, UUID payerId, Instant now) {
    Client client = new Client();
    client.id = UUID.randomUUID();
    client.agencyId = registeredBy.agencyId();
    client.assignedUserId = registeredBy.role() == Role.CHW ? registeredBy.userId() : null;
    client.givenName = registration.givenName().strip();
    client.familyName = registration.familyName().strip();
    client.nameKey = NameKey.of(registration.givenName(), registration.familyName());
    client.birthDate = registration.birthDate();
    client.phone = registration.phone();
    client.phoneKey = NameKey.phone(registration.phone());
    client.medicaidId = blankToNull(registration.medicaidId());
    client.payerId = payerId;
    client.coverageMemberId = registration.coverage() == null ? null : registration.coverage().memberId();
    client.duplicateOverrideReason = blankToNull(registration.duplicateOverrideReason());
    client.createdAt = now;
    return client;
  }

  /** Enrolled with another agency from now on; nobody there is assigned yet. */
  void transferTo(UUID agency) {
    refuseIfMerged();
    if (agency.equals(agencyId)) {
      throw new InvalidInput("agencyId", "the client is already enrolled there");
    }
    agencyId = agency;
    assignedUserId = null;
  }

  /** The CHW who works with the client from now on (a member of the client's agency; the caller checks). */
  void assignTo(UUID user) {
    refuseIfMerged();
    assignedUserId = user;
  }

  /** What a record merged away hands over to its survivor. */
  record Handover(String phone, String medicaidId, UUID payerId, String coverageMemberId) {}

  /**
   * This record turns out to be the same person as the survivor: from now on it only points there. Its
   * Medicaid id is handed over (an exact identifier names one record), so it is cleared here first.
   */
  Handover mergeInto(Client survivor) {
    checkMergeableInto(survivor);
    Handover handover = new Handover(phone, medicaidId, payerId, coverageMemberId);
    mergedInto = survivor.id;
    medicaidId = null;
    assignedUserId = null;
    return handover;
  }

  /** Whether this record may be merged into the survivor: two live records that may be one person. */
  void checkMergeableInto(Client survivor) {
    if (survivor.id.equals(id)) {
      throw new InvalidInput("duplicateId", "a client cannot be merged into itself");
    }
    refuseIfMerged();
    survivor.refuseIfMerged();
    if (medicaidId != null && survivor.medicaidId != null && !medicaidId.equals(survivor.medicaidId)) {
      throw new InvalidInput("duplicateId", "the two records carry different Medicaid ids, so they are two people");
    }
  }

  /** Takes over what only the merged-away record knew; what this record already has stays. */
  void absorb(Handover handover) {
    if (phone == null && handover.phone() != null) {
      phone = handover.phone();
      phoneKey = NameKey.phone(handover.phone());
    }
    if (medicaidId == null) {
      medicaidId = handover.medicaidId();
    }
    if (payerId == null && handover.payerId() != null) {
      payerId = handover.payerId();
      coverageMemberId = handover.coverageMemberId();
    }
  }

  /** A merged-away record takes no more work: it names the record that does. */
  public void refuseIfMerged() {
    if (mergedInto != null) {
      throw new ClientWasMerged(id, mergedInto);
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  public UUID id() { return id; }
  public UUID agencyId() { return agencyId; }
  public String givenName() { return givenName; }
  public String familyName() { return familyName; }
  public LocalDate birthDate() { return birthDate; }
  public String phone() { return phone; }
  public String medicaidId() { return medicaidId; }
  public UUID payerId() { return payerId; }
  public String coverageMemberId() { return coverageMemberId; }
  public String duplicateOverrideReason() { return duplicateOverrideReason; }
  public UUID assignedUserId() { return assignedUserId; }
  public Optional<UUID> mergedInto() { return Optional.ofNullable(mergedInto); }
  public long version() { return version; }
  public Instant createdAt() { return createdAt; }
}
